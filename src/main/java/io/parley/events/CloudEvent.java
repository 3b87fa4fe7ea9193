package io.parley.events;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as published on {@code parley.events}.
 *
 * @param specversion always {@code 1.0}
 * @param id unique per event; consumers deduplicate on it
 * @param source the emitting Parley installation, e.g. {@code /parley}
 * @param type the event type, e.g. {@code io.parley.session.opened}
 * @param subject the entity the event is about, e.g. the session id
 * @param time when the change happened
 * @param datacontenttype always {@code application/json}
 * @param data the event body
 */
public record CloudEvent(String specversion, String id, String source, String type, String subject,
        OffsetDateTime time, String datacontenttype, Object data) {
}
