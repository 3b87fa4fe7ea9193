package io.parley.push;

import java.time.OffsetDateTime;

import io.vertx.core.json.JsonObject;

/**
 * One event of an operator's stream.
 *
 * @param seq its number in the operator's stream (increasing, gaps possible)
 * @param type e.g. {@code offer}, {@code message}; see docs/push-api.md
 */
record PushEvent(long seq, String type, OffsetDateTime at, JsonObject data) {

    /** The WebSocket frame: {@code {"type":"event","seq":…,"event":"offer","at":…,"data":{…}}}. */
    String frame() {
        return new JsonObject().put("type", "event").put("seq", seq).put("event", type).put("at", at.toString())
                .put("data", data).encode();
    }
}
