#!/usr/bin/env bash
# A restart into a crowd (issue 15, 3a): `bench registration` with a short warm-up, each in a fresh JVM, without
# and then with the JDK's ahead-of-time cache. The cache belongs to a class path, so the benchmark trains one of
# its own first: the registration scenario once, 300 people without pauses, under -XX:AOTCacheOutput.
# Usage: bench/restart.sh [users] [warm-up]   (default 1000 and 100; builds first if needed)
#   BENCH_JVM="-XX:+UseSerialGC ..."  more JVM options for all three runs (the training's too)
#   BENCH_ONLY=aot|plain              only one of the two measured runs
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000}
warm=${2:-100}
./homeward build
[ -f bench/target/homeward-bench.jar ] || ./mvnw -B -q -DskipTests package
java="$(./homeward java-home)/bin/java"
read -r -a extra <<<"${BENCH_JVM:-}"
jar=bench/target/homeward-bench.jar
aot=bench/target/homeward-bench.aot
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

p99() { # the p99 column of the scenario's result row
  awk -F'|' '/^\| [0-9]+ of [0-9]+ \|/ {gsub(/ /, "", $7); print $7}' "$1"
}

measure() { # name, JVM options...
  local name=$1; shift
  echo "== $name: registration $users after a warm-up of $warm, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Only the figures; the log (the polling library's complaints as it stops) is shown if the run fails.
  "$java" -Xmx4g "${extra[@]}" "$@" -Dhomeward.bench.warmup="$warm" -jar "$jar" registration "$users" \
    >"$out/$name.txt" 2>&1 || { cat "$out/$name.txt" >&2; exit 1; }
  awk '/^Registration benchmark/ {on = 1} on || /^failed:/ {print} /^warm-up:/ {on = 0}' "$out/$name.txt"
}

if [ "${BENCH_ONLY:-}" != plain ]; then
  echo "== training the cache for the benchmark's class path (registration 300, no pauses)"
  rm -f "$aot"
  "$java" -Xmx4g "${extra[@]}" -XX:AOTCacheOutput="$aot" -Dhomeward.bench.warmup=0 -jar "$jar" registration 300 0 0 \
    >"$out/train.txt" 2>&1 || { cat "$out/train.txt" >&2; exit 1; }
  [ -s "$aot" ] || { echo "no cache written" >&2; cat "$out/train.txt" >&2; exit 1; }
fi
[ "${BENCH_ONLY:-}" = aot ] || measure plain
[ "${BENCH_ONLY:-}" = plain ] || measure aot -XX:AOTCache="$aot" "-Xlog:aot*=off,cds*=off"
echo "== p99 ms (${BENCH_JVM:-default JVM options}): without the cache $(p99 "$out/plain.txt" 2>/dev/null || echo -)," \
  "with it $(p99 "$out/aot.txt" 2>/dev/null || echo -)"
