import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Push benchmark against a running embedded Parley (./parley run): opens one operator WebSocket per operator (1,000 by
 * default), sets them AVAILABLE over the sockets, then has new customers write at a steady rate. Every offer is routed
 * to one of the connected operators; the harness measures push latency = the time the offer event reached the client
 * minus the offer's {@code offeredAt} (the routing decision), and accepts each offer over the socket.
 *
 * Usage: java bench/PushLoad.java [--url http://localhost:8080] [--operators 1000] [--rate 20] [--seconds 60]
 */
public class PushLoad {

    private static final Pattern OFFERED_AT = Pattern.compile("\"offeredAt\":\"([^\"]+)\"");
    private static final Pattern OFFER_ID = Pattern.compile("\"offerId\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://localhost:8080");
        int operators = Integer.parseInt(arg(args, "--operators", "1000"));
        int rate = Integer.parseInt(arg(args, "--rate", "20"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "60"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String admin = "Bearer " + get(http, url + "/dev/token?role=admin");

        String channel = field(send(http, "POST", url + "/api/admin/channels", admin, "{\"type\":\"inapp\",\"name\":"
                + "\"push bench " + run + "\",\"config\":{\"visitorsPerMinute\":\"999999\",\"channelVisitorsPerMinute\":\"999999\",\"messagesPerMinute\":\"999999\"}"
                + ",\"secrets\":{\"identitySecret\":\"bench-secret-" + run + "\"}}"), "id");
        send(http, "PUT", url + "/api/admin/queues/pb-" + run, admin, "{\"name\":\"push bench\",\"targetExpression\":"
                + "\"operator.groups HAS 'pb-" + run + "'\",\"offerTimeoutSeconds\":600}");
        send(http, "PUT", url + "/api/admin/workflow", admin, "{\"filters\":[],\"defaultTarget\":{\"queue\":\"pb-"
                + run + "\"}}");

        List<WebSocket> sockets = new ArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong offers = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(operators);
        Instant opening = Instant.now();
        for (int i = 0; i < operators; i++) {
            String subject = "pb-" + run + "-" + i;
            send(http, "PUT", url + "/api/admin/operators/" + subject, admin, "{\"displayName\":\"" + subject
                    + "\",\"groups\":[\"pb-" + run + "\"],\"capacity\":{\"chat\":20},\"maxConcurrent\":20}");
            String token = "Bearer " + get(http, url + "/dev/token?role=operator&subject=" + subject);
            String ticket = field(send(http, "POST", url + "/api/operator/push/tickets", token, null), "ticket");
            sockets.add(open(http, url, ticket, ready, latencies, offers));
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Not all sockets became ready");
        }
        System.out.printf("%d operator sockets ready in %.1f s%n", operators,
                Duration.between(opening, Instant.now()).toMillis() / 1000.0);
        for (WebSocket socket : sockets) {
            say(socket, "{\"type\":\"status\",\"status\":\"AVAILABLE\"}");
        }
        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(
                () -> sockets.forEach(socket -> say(socket, "{\"type\":\"ping\"}")), 10, 10, TimeUnit.SECONDS);
        Thread.sleep(3000);

        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            Instant second = Instant.now();
            for (int i = 0; i < rate; i++) {
                writes.add(CompletableFuture.runAsync(() -> customerWrites(http, url, channel)));
            }
            Thread.sleep(Math.max(0, 1000 - Duration.between(second, Instant.now()).toMillis()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        Thread.sleep(5000);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("customers %d, offers pushed %d, push latency ms (decision -> client): p50 %d  p99 %d  max %d%n",
                (long) rate * seconds, offers.get(), pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    private static WebSocket open(HttpClient http, String url, String ticket, CountDownLatch ready,
            ConcurrentLinkedQueue<Long> latencies, AtomicLong offers) {
        URI uri = URI.create(url.replaceFirst("^http", "ws") + "/api/operator/ws");
        return http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket ws) {
                say(ws, "{\"type\":\"auth\",\"ticket\":\"" + ticket + "\"}");
                ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.contains("\"type\":\"ready\"")) {
                        ready.countDown();
                    } else if (frame.contains("\"event\":\"offer\"")) {
                        Matcher at = OFFERED_AT.matcher(frame);
                        Matcher id = OFFER_ID.matcher(frame);
                        if (at.find() && id.find()) {
                            latencies.add(Duration.between(OffsetDateTime.parse(at.group(1)).toInstant(), Instant.now())
                                    .toMillis());
                            offers.incrementAndGet();
                            say(ws, "{\"type\":\"accept\",\"offerId\":\"" + id.group(1) + "\"}");
                        }
                    }
                }
                ws.request(1);
                return null;
            }
        }).join();
    }

    /** The JDK WebSocket allows one send at a time; pings, status and accepts come from different threads. */
    private static void say(WebSocket ws, String text) {
        synchronized (ws) {
            ws.sendText(text, true).join();
        }
    }

    private static void customerWrites(HttpClient http, String url, String channel) {
        try {
            String visitor = send(http, "POST", url + "/api/inapp/" + channel + "/visitors", null, "{}");
            HttpRequest message = HttpRequest.newBuilder(URI.create(url + "/api/inapp/" + channel + "/messages"))
                    .header("Content-Type", "application/json").header("X-Visitor-Token", field(visitor, "visitorToken"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientMessageId\":\"m\",\"text\":\"hello\"}")).build();
            http.send(message, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.err.println("customer message failed: " + e.getMessage());
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String send(HttpClient http, String method, String url, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
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

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
