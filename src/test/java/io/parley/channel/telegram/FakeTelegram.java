package io.parley.channel.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.parley.testing.FakeHttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A local Bot API server that behaves as CHANNELS.md describes: methods at {@code /bot<token>/<method>} answer
 * {@code {ok, result}} or {@code {ok:false, error_code, description, parameters}} with the HTTP status equal to the
 * error code; an unknown token gets 401; {@code getUpdates} returns the queued updates from {@code offset} and forgets
 * the ones before it; files are served at {@code /file/bot<token>/<path>}. Tests script send failures per chat.
 */
final class FakeTelegram implements AutoCloseable {

    static final String TOKEN = "123456789:AAEfakeTelegramTokenForParleyTests";
    /** A file id whose file is larger than bots may download. */
    static final String BIG_FILE = "big-file";
    /** File ids starting with this are unknown to Telegram ({@code getFile} answers 400). */
    static final String GONE_FILE = "gone-";

    private final FakeHttpServer server;
    private final ConcurrentLinkedQueue<JsonObject> updates = new ConcurrentLinkedQueue<>();
    private final Map<Long, Deque<JsonObject>> failures = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(5000);
    private volatile boolean conflict;

    /** A started fake, for static test fields. */
    static FakeTelegram started() {
        try {
            return new FakeTelegram();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    FakeTelegram() throws Exception {
        server = FakeHttpServer.start(this::answer);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Queues an update for getUpdates. */
    void queue(JsonObject update) {
        updates.add(update);
    }

    /**
     * While on, {@code getUpdates} answers 409 as when another client set a webhook for the bot (Telegram keeps
     * answering so until that webhook is deleted).
     */
    void conflict(boolean on) {
        conflict = on;
    }

    /** The next sends to {@code chatId} fail with these errors, in order. */
    void fail(long chatId, JsonObject... errors) {
        failures.put(chatId, new ArrayDeque<>(List.of(errors)));
    }

    static JsonObject error(int code, String description, JsonObject parameters) {
        JsonObject error = new JsonObject().put("ok", false).put("error_code", code).put("description", description);
        return parameters == null ? error : error.put("parameters", parameters);
    }

    /** The JSON bodies of calls to a method, in order. */
    List<JsonObject> calls(String method) {
        return server.requests().stream().filter(r -> r.path().equals("/bot" + TOKEN + "/" + method))
                .map(r -> new JsonObject(r.body())).toList();
    }

    /** A message-sending call as the server received it. */
    record Sent(long chatId, String text, long receivedAtNanos) {
    }

    /** Every sendMessage, sendPhoto and sendDocument in the order they arrived, with when they arrived. */
    List<Sent> sends() {
        return server.requests().stream()
                .filter(r -> r.path().matches("/bot" + java.util.regex.Pattern.quote(TOKEN)
                        + "/send(Message|Photo|Document)"))
                .map(r -> {
                    JsonObject body = new JsonObject(r.body());
                    return new Sent(body.getLong("chat_id"), body.getString("text"), r.receivedAtNanos());
                }).toList();
    }

    static JsonObject fixture(String name) {
        try (InputStream in = FakeTelegram.class.getResourceAsStream("/fixtures/telegram/" + name + ".json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private FakeHttpServer.Answer answer(FakeHttpServer.Request request) {
        if (request.path().startsWith("/file/bot" + TOKEN + "/")) {
            return new FakeHttpServer.Answer(200, "application/octet-stream", "fake-file:" + request.path()
                    .substring(("/file/bot" + TOKEN + "/").length()), Map.of());
        }
        if (!request.path().startsWith("/bot" + TOKEN + "/")) {
            return reply(error(401, "Unauthorized", null));
        }
        String method = request.path().substring(request.path().lastIndexOf('/') + 1);
        JsonObject params = request.body().isEmpty() ? new JsonObject() : new JsonObject(request.body());
        return switch (method) {
            case "getUpdates" -> {
                if (conflict) {
                    yield reply(error(409, "Conflict: can't use getUpdates method while webhook is active;"
                            + " use deleteWebhook to delete the webhook first", null));
                }
                long offset = params.getLong("offset", 0L);
                updates.removeIf(u -> u.getLong("update_id") < offset);
                yield ok(new JsonArray(List.copyOf(updates)));
            }
            case "sendMessage", "sendPhoto", "sendDocument", "sendChatAction" -> {
                long chat = params.getLong("chat_id");
                if (params.getString("text", "").length() > 4096) {
                    yield reply(error(400, "Bad Request: message is too long", null));
                }
                JsonObject failure = failures.getOrDefault(chat, new ArrayDeque<>()).poll();
                yield failure != null ? reply(failure)
                        : ok(new JsonObject()
                                .put("message_id", messageIds.incrementAndGet()).put("date", 1772357400)
                                .put("chat", new JsonObject().put("id", chat)));
            }
            case "getFile" -> {
                String id = params.getString("file_id");
                if (id.startsWith(GONE_FILE)) {
                    yield reply(error(400, "Bad Request: invalid file_id", null));
                }
                yield ok(new JsonObject().put("file_id", id).put("file_size", BIG_FILE.equals(id) ? 25_000_000 : 1000)
                        .put("file_path", "photos/" + id + ".jpg"));
            }
            default -> ok(true);
        };
    }

    private static FakeHttpServer.Answer ok(Object result) {
        return FakeHttpServer.Answer.json(200, new JsonObject().put("ok", true).put("result", result).encode());
    }

    private static FakeHttpServer.Answer reply(JsonObject error) {
        return FakeHttpServer.Answer.json(error.getInteger("error_code"), error.encode());
    }

    @Override
    public void close() {
        server.close();
    }
}
