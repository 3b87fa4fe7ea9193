package io.parley.channel.vk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.parley.testing.FakeHttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A local VK API that behaves as CHANNELS.md describes: form-encoded {@code /method/<name>} calls answered
 * {@code {"response":…}} or {@code {"error":{error_code,error_msg}}} with HTTP 200; a wrong token gets error 5;
 * {@code messages.send} delivers a {@code random_id} only once per peer (a repeat returns the first message's id);
 * a Bots Long Poll server at {@code /lp}; upload servers for photos and documents ({@code /upload/photo},
 * {@code /upload/doc}: multipart with the field {@code photo} or {@code file}) whose results
 * {@code photos.saveMessagesPhoto} and {@code docs.save} turn into attachments; files to fetch at {@code /files/<name>}
 * (any other name is 404); {@code users.get} names every user id "Мария Иванова" ({@code screen_name} "id" + id);
 * {@code messages.setActivity} answers 1. Tests script send errors per peer.
 */
final class FakeVk implements AutoCloseable {

    static final String TOKEN = "vk1.a.fakeCommunityTokenForParleyTests";
    static final long GROUP = 218000111;

    /** A message the fake delivered to a peer. */
    record Delivered(long peerId, String text, int randomId, String keyboard, String attachment) {
    }

    /** The owner of uploaded files: the community. */
    static final long OWNER = -GROUP;

    private final FakeHttpServer server;
    private final Map<Long, Deque<Integer>> errors = new ConcurrentHashMap<>();
    private final Map<String, Long> sentByRandomId = new ConcurrentHashMap<>();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> sendCalls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<JsonObject> longPollQueue = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong(9000);
    private final AtomicLong ts = new AtomicLong(100);
    private volatile String key = "key-1";
    private volatile boolean namesFail;

    /** A started fake, for static test fields. */
    static FakeVk started() {
        try {
            return new FakeVk();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    FakeVk() throws Exception {
        server = FakeHttpServer.start(this::answer);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    void fail(long peerId, Integer... codes) {
        errors.put(peerId, new ArrayDeque<>(List.of(codes)));
    }

    List<Delivered> delivered(long peerId) {
        return delivered.stream().filter(d -> d.peerId() == peerId).toList();
    }

    List<Map<String, String>> sendCalls(long peerId) {
        return sendCalls.stream().filter(c -> String.valueOf(peerId).equals(c.get("peer_id"))).toList();
    }

    void queueLongPoll(JsonObject event) {
        longPollQueue.add(event);
    }

    /** While on, {@code users.get} answers error 10 (internal server error). */
    void namesFail(boolean on) {
        namesFail = on;
    }

    /** Makes the current Long Poll key expire (the next poll gets {@code failed: 2}). */
    void expireKey() {
        key = key + "x";
    }

    /** The forms of the calls to a method, in order. */
    List<Map<String, String>> calls(String method) {
        return server.requests("/method/" + method).stream().map(r -> form(r.body())).toList();
    }

    List<FakeHttpServer.Request> longPolls() {
        return server.requests("/lp");
    }

    static JsonObject fixture(String name) {
        try (InputStream in = FakeVk.class.getResourceAsStream("/fixtures/vk/" + name + ".json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bodies the upload servers received, by path. */
    List<FakeHttpServer.Request> uploads(String kind) {
        return server.requests("/upload/" + kind);
    }

    private FakeHttpServer.Answer answer(FakeHttpServer.Request request) {
        if (request.path().equals("/lp")) {
            return longPoll(request);
        }
        if (request.path().startsWith("/files/")) {
            String name = request.path().substring("/files/".length());
            String body = "bytes of " + name;
            return name.startsWith("missing") ? new FakeHttpServer.Answer(404, "text/plain", "no", Map.of())
                    : new FakeHttpServer.Answer(200, "application/octet-stream", body, Map.of("Content-Length",
                            String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)));
        }
        if (request.path().equals("/upload/photo")) {
            return FakeHttpServer.Answer.json(200, request.body().contains("name=\"photo\"")
                    ? new JsonObject().put("server", 777).put("photo", "[{\"photo\":\"p1\"}]").put("hash", "h1")
                            .encode()
                    : new JsonObject().put("error", "no photo field").encode());
        }
        if (request.path().equals("/upload/doc")) {
            return FakeHttpServer.Answer.json(200, request.body().contains("name=\"file\"")
                    ? new JsonObject().put("file", "f1|" + request.query().get("peer")).encode()
                    : new JsonObject().put("error", "no file field").encode());
        }
        Map<String, String> form = form(request.body());
        if (!TOKEN.equals(form.get("access_token"))) {
            return error(5, "User authorization failed: invalid access_token (4).");
        }
        return switch (request.path()) {
            case "/method/messages.send" -> send(form);
            case "/method/users.get" -> {
                if (namesFail) {
                    yield error(10, "Internal server error");
                }
                JsonArray users = new JsonArray();
                for (String id : form.getOrDefault("user_ids", "").split(",")) {
                    users.add(new JsonObject().put("id", Long.parseLong(id)).put("first_name", "Мария")
                            .put("last_name", "Иванова").put("screen_name", "id" + id));
                }
                yield ok(users);
            }
            case "/method/messages.setActivity" -> ok(1);
            case "/method/photos.getMessagesUploadServer" -> ok(new JsonObject()
                    .put("upload_url", baseUrl() + "/upload/photo?peer=" + form.get("peer_id")).put("album_id", -64)
                    .put("user_id", 0));
            case "/method/photos.saveMessagesPhoto" -> "777".equals(form.get("server"))
                    && "[{\"photo\":\"p1\"}]".equals(form.get("photo")) && "h1".equals(form.get("hash"))
                            ? ok(new JsonArray().add(new JsonObject().put("id", 457239017).put("owner_id", OWNER)
                                    .put("access_key", "k1")))
                            : error(100, "One of the parameters specified was missing or invalid");
            case "/method/docs.getMessagesUploadServer" -> "doc".equals(form.get("type"))
                    ? ok(new JsonObject().put("upload_url", baseUrl() + "/upload/doc?peer=" + form.get("peer_id")))
                    : error(100, "invalid type");
            case "/method/docs.save" -> form.getOrDefault("file", "").startsWith("f1|")
                    ? ok(new JsonObject().put("type", "doc").put("doc", new JsonObject().put("id", 6100)
                            .put("owner_id", OWNER).put("title", form.get("title"))))
                    : error(100, "invalid file");
            case "/method/groups.getLongPollServer" -> ok(new JsonObject().put("key", key)
                    .put("server", baseUrl() + "/lp").put("ts", String.valueOf(ts.get())));
            default -> error(3, "Unknown method passed");
        };
    }

    private FakeHttpServer.Answer send(Map<String, String> form) {
        sendCalls.add(form);
        long peer = Long.parseLong(form.get("peer_id"));
        Integer code = errors.getOrDefault(peer, new ArrayDeque<>()).poll();
        if (code != null) {
            return error(code, "scripted error");
        }
        String randomKey = peer + "/" + form.get("random_id");
        Long id = sentByRandomId.computeIfAbsent(randomKey, k -> {
            delivered.add(new Delivered(peer, form.get("message"), Integer.parseInt(form.get("random_id")),
                    form.get("keyboard"), form.get("attachment")));
            return ids.incrementAndGet();
        });
        return ok(id);
    }

    private FakeHttpServer.Answer longPoll(FakeHttpServer.Request request) {
        if (!key.equals(request.query().get("key"))) {
            return FakeHttpServer.Answer.json(200, new JsonObject().put("failed", 2).encode());
        }
        JsonArray updates = new JsonArray();
        JsonObject next;
        while ((next = longPollQueue.poll()) != null) {
            updates.add(next);
        }
        long now = updates.isEmpty() ? ts.get() : ts.addAndGet(updates.size());
        return FakeHttpServer.Answer.json(200, new JsonObject().put("ts", String.valueOf(now))
                .put("updates", updates).encode());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static FakeHttpServer.Answer ok(Object response) {
        return FakeHttpServer.Answer.json(200, new JsonObject().put("response", response).encode());
    }

    private static FakeHttpServer.Answer error(int code, String message) {
        return FakeHttpServer.Answer.json(200, new JsonObject().put("error", new JsonObject()
                .put("error_code", code).put("error_msg", message)).encode());
    }

    @Override
    public void close() {
        server.close();
    }
}
