package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.parley.channel.spi.Sender;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Looks at every newly stored inbound message inside its transaction, after the session and its routing task exist
 * and before routing can see them (classification, spam, the menu bot). It may change the routing task's state and
 * attributes, write replies, and ask for the session to be closed.
 */
public interface InboundTriage {

    /**
     * A stored inbound message and where it belongs.
     *
     * @param started whether this message opened or reopened the session (its routing task was just made WAITING)
     * @param externalMessageId the provider's id of the message (email: its Message-ID), which automatic replies
     *        answer (threading)
     * @param subject its subject line (email), or null
     */
    record Inbound(UUID messageId, UUID sessionId, UUID customerId, UUID identityId, UUID channelId,
            String channelType, String chatId, String text, Sender sender, boolean started, OffsetDateTime now,
            String externalMessageId, String subject) {

        /** What classification reads: the subject (when there is one) and the text. */
        public String classifiedText() {
            if (subject == null || subject.isBlank()) {
                return text;
            }
            return text == null || text.isBlank() ? subject : subject + "\n" + text;
        }
    }

    /**
     * What to do with the session afterwards.
     *
     * @param closeReason close the session with this reason; null keeps it open
     */
    record Outcome(String closeReason) {

        public static final Outcome CONTINUE = new Outcome(null);
    }

    Uni<Outcome> triage(SqlConnection connection, Inbound message);
}
