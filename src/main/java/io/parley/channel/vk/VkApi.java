package io.parley.channel.vk;

import java.time.Duration;
import java.util.Map;

import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Calls VK API methods ({@code POST <base>/method/<name>}, form-encoded, {@code v=5.199}) and maps
 * {@code {"error":{error_code, error_msg}}} answers (HTTP 200) to typed failures. Parameters carry the access token,
 * so requests are never logged.
 */
final class VkApi {

    static final String VERSION = "5.199";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration SIZE_TIMEOUT = Duration.ofSeconds(3);

    private final WebClient http;
    private final VkConfig config;

    VkApi(WebClient http, VkConfig config) {
        this.http = http;
        this.config = config;
    }

    /** Calls a method; completes with its {@code response}. */
    Uni<Object> call(String method, Map<String, String> params) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        params.forEach(form::add);
        form.add("access_token", config.accessToken()).add("v", VERSION);
        return http.postAbs(config.apiBaseUrl() + "/method/" + method).timeout(TIMEOUT.toMillis()).sendForm(form)
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "VK unreachable: " + e.getClass().getSimpleName())))
                .map(VkApi::response);
    }

    /**
     * The size of a file on VK's servers ({@code HEAD}, {@code Content-Length}), as photos come without one; -1 when
     * VK does not tell within {@link #SIZE_TIMEOUT} or answers otherwise.
     */
    Uni<Long> contentLength(String url) {
        return http.headAbs(url).timeout(SIZE_TIMEOUT.toMillis()).send()
                .map(response -> {
                    String length = response.getHeader("Content-Length");
                    return response.statusCode() == 200 && length != null && length.matches("\\d{1,15}")
                            ? Long.parseLong(length)
                            : -1L;
                })
                .onFailure().recoverWithItem(-1L);
    }

    /** Waits for events at the Long Poll server. */
    Uni<JsonObject> longPoll(String server, String key, String ts, int waitSeconds) {
        return http.getAbs(server).timeout((waitSeconds + 15L) * 1000)
                .addQueryParam("act", "a_check").addQueryParam("key", key).addQueryParam("ts", ts)
                .addQueryParam("wait", String.valueOf(waitSeconds)).send()
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "VK Long Poll unreachable: " + e.getClass().getSimpleName())))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelException(new ChannelFailure.Retryable(
                                "VK Long Poll answered HTTP " + response.statusCode()));
                    }
                    return json(response);
                });
    }

    private static Object response(HttpResponse<Buffer> response) {
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new ChannelException(new ChannelFailure.Retryable("VK answered HTTP " + response.statusCode()));
        }
        JsonObject body = json(response);
        if (body.containsKey("response")) {
            return body.getValue("response");
        }
        JsonObject error = body.getJsonObject("error", new JsonObject());
        throw new ChannelException(failure(error.getInteger("error_code", 0), error.getString("error_msg", "")));
    }

    static ChannelFailure failure(int code, String message) {
        String reason = "VK error " + code + (message.isEmpty() ? ""
                : ": " + (message.length() > 120
                        ? message.substring(0, 120)
                        : message));
        return switch (code) {
            case 5 -> new ChannelFailure.AuthenticationFailed(reason);
            case 6 -> new ChannelFailure.RateLimited(Duration.ofSeconds(1), reason);
            case 9, 14 -> new ChannelFailure.RateLimited(Duration.ofSeconds(60), reason);
            case 1, 10 -> new ChannelFailure.Retryable(reason);
            case 900, 901, 902 -> new ChannelFailure.Permanent(reason, true);
            default -> new ChannelFailure.Permanent(reason, false);
        };
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new ChannelException(new ChannelFailure.Retryable("VK answered something other than JSON"));
        }
    }
}
