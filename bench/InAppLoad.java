import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for Parley's in-app ingestion: drives visitor messages at a fixed rate into a running Parley (embedded
 * build, started with ./parley run) and reports accepted messages per second and accept latency. End-to-end latency
 * and the loss check are computed from the database by bench/inapp-load.sh.
 *
 * Usage: java bench/InAppLoad.java [--url http://localhost:8080] [--rate 1000] [--seconds 60] [--visitors 200]
 *        [--channel <existing channel id>] [--accepted-file <path>: writes the external id of every accepted message]
 * Prints: "channel <id>", then a summary with "accepted N" (HTTP 202 responses).
 */
public class InAppLoad {

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://localhost:8080");
        int rate = Integer.parseInt(arg(args, "--rate", "1000"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "60"));
        int visitorCount = Integer.parseInt(arg(args, "--visitors", "200"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

        String channel = arg(args, "--channel", null);
        if (channel == null) {
            String admin = get(http, url + "/dev/token?role=admin");
            String secret = "bench-secret-" + UUID.randomUUID();
            String created = post(http, url + "/api/admin/channels", "Bearer " + admin, null,
                    "{\"type\":\"inapp\",\"name\":\"bench " + UUID.randomUUID()
                            + "\",\"config\":{\"visitorsPerMinute\":\"999999\",\"channelVisitorsPerMinute\":\"999999\",\"messagesPerMinute\":\"999999\"}"
                            + ",\"secrets\":{\"identitySecret\":\"" + secret + "\"}}");
            channel = field(created, "id");
        }
        System.out.println("channel " + channel);
        List<String> tokens = new ArrayList<>();
        List<String> visitorIds = new ArrayList<>();
        for (int i = 0; i < visitorCount; i++) {
            String visitor = post(http, url + "/api/inapp/" + channel + "/visitors", null, null, "{}");
            tokens.add(field(visitor, "visitorToken"));
            visitorIds.add(field(visitor, "visitorId"));
        }

        AtomicLong sent = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
        String acceptedFile = arg(args, "--accepted-file", null);
        String target = url + "/api/inapp/" + channel + "/messages";
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent.get() < due) {
                long n = sent.incrementAndGet();
                String token = tokens.get((int) (n % tokens.size()));
                String externalId = visitorIds.get((int) (n % tokens.size())) + "/b-" + n;
                String body = "{\"clientMessageId\":\"b-" + n + "\",\"text\":\"Посылка пришла повреждённой, заказ " + n
                        + "\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("X-Visitor-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long t0 = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 202) {
                        accepted.incrementAndGet();
                        latencies.add(System.nanoTime() - t0);
                        acceptedIds.add(externalId);
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        while (sent.get() < total) {
            Thread.sleep(1000);
            System.out.printf("t=%ds sent=%d accepted=%d failed=%d%n", (System.nanoTime() - start) / 1_000_000_000L,
                    sent.get(), accepted.get(), failed.get());
        }
        ticker.shutdown();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (accepted.get() + failed.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("offered %d msg/s for %d s; accepted %d (%.0f msg/s), failed %d%n", rate, seconds,
                accepted.get(), accepted.get() / elapsed, failed.get());
        System.out.printf("accept latency ms: p50 %.1f  p99 %.1f  max %.1f%n", pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        if (acceptedFile != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(acceptedFile), acceptedIds);
        }
        System.out.println("accepted " + accepted.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(HttpClient http, String url, String auth, String token, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }
}
