package org.homeward.bench;

import java.util.Arrays;

/** Entry point of the benchmark harness: {@code ./homeward bench <scenario> [options]}. */
public final class Bench {
    private Bench() {}

    /** Runs one scenario and prints its figures. */
    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (scenario) {
            case "transport" -> TransportBenchmark.main(rest);
            case "registration" -> RegistrationBenchmark.main(rest);
            case "delivery" -> org.homeward.bench.delivery.DeliveryBenchmark.main(rest);
            case "wave" -> WaveBenchmark.main(rest);
            case "admin" -> AdminBenchmark.main(rest);
            case "export" -> ExportBenchmark.main(rest);
            case "broadcast" -> BroadcastBenchmark.main(rest);
            default -> {
                System.out.println("""
                        usage: ./homeward bench <scenario>
                          transport [users]   updates/s and latency end-to-end through the transport (inbox, lanes),
                                              against a bare TelegramBots echo bot in the same setup (default 1000 users)
                          registration [users] [think-min-s] [think-max-s]  people starting at once, each going from
                                              /start to a registration code through the whole bot (default 1000, 3-7 s)
                          delivery <enqueue|paid|rate>...  the delivery engine: queueing 100,000 recipients, paid
                                              broadcasts, Telegram's 30/s held
                          wave [people] [writers] [free|paid]  a departure notice to people who press "confirm" 5-120 s
                                              after it arrives, while others write (default 5000, 200, free)
                          admin [registrations] [samples]  the admin app over 100,000 registrations with families: list,
                                              filtered and name searches, detail, dashboard (p50, p95, page sizes)
                          export [registrations] [rounds]  a coordinator's CSV and XLSX exports of 100,000 registrations
                                              with families, three at once, and a download cut short (run the jar
                                              with -Xmx256m)
                          broadcast [people] [window-s] [rate]  a broadcast to 60,000 people at one place written,
                                              sent and approved through the admin app: each request's time (the
                                              approval enqueues), then the pace of delivery (default 60000, 60, 30)""");
                if (!scenario.equals("help")) {
                    System.exit(2);
                }
            }
        }
    }
}
