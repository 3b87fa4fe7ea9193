package io.parley.channel.telegram;

import java.time.Duration;

import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Calls Bot API methods ({@code POST <base>/bot<token>/<method>} with a JSON body) and maps
 * {@code {ok:false, error_code, description, parameters}} answers to typed failures. The token is part of every URL,
 * so URLs are never logged.
 */
final class TelegramApi {

    /** Telegram says the group became a supergroup with a new chat id; the call can be repeated there. */
    static final class ChatMigrated extends RuntimeException {

        private final long newChatId;

        ChatMigrated(long newChatId) {
            super("chat migrated", null, false, false);
            this.newChatId = newChatId;
        }

        long newChatId() {
            return newChatId;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long MAX_RETRY_AFTER = 3600;

    private final WebClient http;
    private final TelegramConfig config;

    TelegramApi(WebClient http, TelegramConfig config) {
        this.http = http;
        this.config = config;
    }

    /** Calls a method; completes with its {@code result}. */
    Uni<Object> call(String method, JsonObject params) {
        return call(method, params, TIMEOUT);
    }

    /** Calls a method that may wait at Telegram (getUpdates) with a longer HTTP timeout. */
    Uni<Object> call(String method, JsonObject params, Duration timeout) {
        return http.postAbs(config.apiBaseUrl() + "/bot" + config.botToken() + "/" + method)
                .timeout(timeout.toMillis())
                .sendJsonObject(params)
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "Telegram unreachable: " + e.getClass().getSimpleName())))
                .map(TelegramApi::result);
    }

    /** Downloads a file by the path {@code getFile} returned. */
    Uni<Buffer> download(String filePath) {
        return http.getAbs(config.apiBaseUrl() + "/file/bot" + config.botToken() + "/" + filePath)
                .timeout(Duration.ofSeconds(60).toMillis()).send()
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "Telegram unreachable: " + e.getClass().getSimpleName())))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelException(new ChannelFailure.Permanent(
                                "Telegram file download answered HTTP " + response.statusCode(), false));
                    }
                    return response.body();
                });
    }

    private static Object result(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body != null && body.getBoolean("ok", false)) {
            return body.getValue("result");
        }
        throw failure(response.statusCode(), body == null ? new JsonObject() : body);
    }

    static RuntimeException failure(int httpStatus, JsonObject body) {
        int code = body.getInteger("error_code", httpStatus);
        String description = body.getString("description", "HTTP " + httpStatus);
        String reason = "Telegram " + code + ": " + (description.length() > 120 ? description.substring(0, 120)
                : description);
        JsonObject parameters = body.getJsonObject("parameters", new JsonObject());
        if (parameters.getLong("migrate_to_chat_id") != null) {
            return new ChatMigrated(parameters.getLong("migrate_to_chat_id"));
        }
        ChannelFailure failure;
        if (code == 429) {
            long seconds = Math.min(MAX_RETRY_AFTER, Math.max(1, parameters.getLong("retry_after", 1L)));
            failure = new ChannelFailure.RateLimited(Duration.ofSeconds(seconds), reason);
        } else if (code == 401) {
            failure = new ChannelFailure.AuthenticationFailed(reason);
        } else if (code == 403) {
            failure = new ChannelFailure.Permanent(reason, true);
        } else if (code == 409) {
            failure = new ChannelFailure.Conflict(reason);
        } else if (code >= 500 || code == 0) {
            failure = new ChannelFailure.Retryable(reason);
        } else {
            failure = new ChannelFailure.Permanent(reason, false);
        }
        return new ChannelException(failure);
    }
}
