#!/usr/bin/env bash
# Cold start of Homeward to a healthy /healthz, with the embedded PostgreSQL, and the memory of the running JVM.
# Usage: bench/cold-start.sh [--as-run] [runs]   (builds first if needed; uses a throw-away DATA_DIR and a free port)
#   --as-run  with the JVM options ./homeward runs with: the ahead-of-time cache (trained first if missing or stale)
#             and, on two cores or fewer, the serial collector; without it, plain java -jar
#   BENCH_JVM="..."  more JVM options
set -euo pipefail
cd "$(dirname "$0")/.."
jvm=()
if [ "${1:-}" = --as-run ]; then
  shift
  read -r -a jvm <<<"$(./homeward jvm-options)"
fi
read -r -a extra <<<"${BENCH_JVM:-}"
jvm+=("${extra[@]}")
runs=${1:-5}
./homeward build
JAVA_HOME=$(./homeward java-home)
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'rm -rf "$data"' EXIT

start_once() { # prints: seconds-to-healthy rss-MiB heap-used-MiB
  local t0 pid t1
  t0=$(date +%s.%N)
  HTTP_PORT=$port DATA_DIR=$data "$JAVA_HOME/bin/java" "${jvm[@]}" -jar app/target/homeward.jar >"$data/log.txt" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "homeward exited; see log" >&2; cat "$data/log.txt" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  sleep 2 # let start-up settle before reading memory
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  heap=$("$JAVA_HOME/bin/jcmd" $pid GC.heap_info 2>/dev/null | awk '/used/ && /total/ {for(i=1;i<=NF;i++) if($i=="used") {v=$(i+1); sub(/K,?/,"",v); printf "%.0f", v/1024; exit}}')
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$(echo "$t1 - $t0" | bc) $rss ${heap:-?}"
}

echo "first run (creates the database cluster in a new DATA_DIR): $(start_once)"
for i in $(seq 1 "$runs"); do
  echo "run $i: $(start_once)"
done
echo "columns: seconds to healthy /healthz, resident memory (MiB), Java heap used (MiB)"
