package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Threading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds the conversation an inbound message continues from the {@link Threading} its adapter read: first a referenced
 * provider id Parley stored on the same channel instance, in either direction (for email: a customer's Message-ID or
 * the Message-ID of Parley's own reply), whoever sends the message; otherwise the same customer's latest message on the
 * channel with the same topic within {@link ConversationConfig#topicWindow()}. A topic never joins another customer's
 * conversation: topics are guessable, references are not.
 */
@ApplicationScoped
class ThreadResolver {

    /** The session of the matched message, its customer and state, and how it was found. */
    record Match(UUID sessionId, UUID customerId, boolean open, OffsetDateTime closedAt, String via) {
    }

    private static final String BY_REFERENCE = """
            SELECT s.id, s.customer_id, s.state, s.closed_at
            FROM messages m JOIN sessions s ON s.id = m.session_id
            WHERE m.channel_id = $1 AND m.direction IN ('IN', 'OUT') AND m.external_id = ANY($2)
            ORDER BY array_position($2, m.external_id) LIMIT 1""";

    private static final String BY_TOPIC = """
            SELECT s.id, s.customer_id, s.state, s.closed_at
            FROM messages m JOIN sessions s ON s.id = m.session_id
            WHERE m.customer_id = $1 AND m.channel_id = $2 AND m.thread_topic = $3 AND m.sent_at >= $4
            ORDER BY m.sent_at DESC, m.seq DESC LIMIT 1""";

    private final ConversationConfig config;

    ThreadResolver(ConversationConfig config) {
        this.config = config;
    }

    /**
     * The matched conversation, or null.
     *
     * @param customerId the sender's customer when the sender is known, else null (no topic matching then)
     */
    Uni<Match> resolve(SqlConnection c, UUID channelId, UUID customerId, Threading threading, OffsetDateTime now) {
        Uni<Match> byReference = threading.references().isEmpty() ? Uni.createFrom().nullItem()
                : c.preparedQuery(BY_REFERENCE)
                        .execute(Tuple.of(channelId, threading.references().toArray(new String[0])))
                        .map(rows -> match(rows, "reference"));
        return byReference.chain(match -> match != null || customerId == null || threading.topic() == null
                ? Uni.createFrom().item(match)
                : c.preparedQuery(BY_TOPIC)
                        .execute(Tuple.of(customerId, channelId, threading.topic(),
                                now.minus(config.topicWindow())))
                        .map(rows -> match(rows, "topic")));
    }

    private static Match match(RowSet<Row> rows, String via) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row row = rows.iterator().next();
        return new Match(row.getUUID("id"), row.getUUID("customer_id"), "OPEN".equals(row.getString("state")),
                row.getOffsetDateTime("closed_at"), via);
    }
}
