package io.parley.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Sender;
import io.parley.conversation.InboundTriage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Classifies each stored inbound message before routing sees its session: one read (task state, session
 * classification, known language, spam mark), the classification in memory, one write (message and session
 * classification, and {@code attributes.classification} — with the {@code vip} priority hint from the customer's
 * attributes — and {@code attributes.customer} of the routing task; a spam session's task goes to {@code SPAM}). Then spam gets
 * its auto-reply once, and the menu bot runs.
 */
@ApplicationScoped
class ClassificationStep implements InboundTriage {

    private static final String READ = """
            SELECT t.state AS task_state, sc.session_id IS NOT NULL AS classified, sc.category, sc.confidence,
                   sc.source, sc.spam, sc.spam_reason, sc.spam_source, sc.language, sc.urgent,
                   c.language AS customer_language, EXISTS (SELECT 1 FROM spam_senders WHERE customer_id = $2) AS marked
            FROM (SELECT 1) AS one
            LEFT JOIN routing_tasks t ON t.session_id = $1
            LEFT JOIN session_classifications sc ON sc.session_id = $1
            LEFT JOIN customers c ON c.id = $2""";

    private static final String WRITE = """
            WITH m AS (INSERT INTO message_classifications (message_id, session_id, category, confidence, source, spam,
                                                            spam_reason, language, urgent, at)
                       VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10)),
                 s AS (INSERT INTO session_classifications (session_id, category, confidence, source, spam, spam_reason,
                                                            spam_source, language, urgent, updated_at)
                       VALUES ($1, $11, $12, $13, $14, $15, $16, $17, $18, $10)
                       ON CONFLICT (session_id) DO UPDATE SET category = $11, confidence = $12, source = $13, spam = $14,
                           spam_reason = $15, spam_source = $16, language = $17, urgent = $18, updated_at = $10)
            UPDATE routing_tasks t SET attributes = jsonb_set(jsonb_set(t.attributes, '{classification}',
                    $19::jsonb || jsonb_build_object('vip', c.attributes -> 'vip' = 'true'::jsonb)), '{customer}',
                    c.attributes),
                state = CASE WHEN $14 AND t.state IN ('WAITING', 'BOT') THEN 'SPAM' ELSE t.state END
            FROM customers c WHERE t.session_id = $1 AND c.id = $20""";

    private final Classifier classifier;
    private final MenuBot menu;
    private final BotReplies replies;

    ClassificationStep(Classifier classifier, MenuBot menu, BotReplies replies) {
        this.classifier = classifier;
        this.menu = menu;
        this.replies = replies;
    }

    @Override
    public Uni<Outcome> triage(SqlConnection c, Inbound in) {
        return c.preparedQuery(READ).execute(Tuple.of(in.sessionId(), in.customerId())).chain(rows -> {
            Row row = rows.iterator().next();
            SessionVerdict before = row.getBoolean("classified") ? read(row) : SessionVerdict.NONE;
            String known = before.language() != null ? before.language() : row.getString("customer_language");
            MessageVerdict verdict = classifier.classify(in.classifiedText(), senderIds(in.sender()), known);
            if (!verdict.spam() && row.getBoolean("marked")) {
                verdict = new MessageVerdict(verdict.category(), verdict.confidence(), verdict.source(),
                        "sender marked as spam", verdict.language(), verdict.urgent());
            }
            SessionVerdict after = before.with(verdict);
            String taskState = row.getString("task_state");
            boolean newlySpam = after.spam() && !before.spam();
            Uni<Void> written = write(c, in, verdict, after);
            if (after.spam()) {
                return written.chain(() -> newlySpam ? spamReply(c, in) : Uni.createFrom().voidItem())
                        .replaceWith(Outcome.CONTINUE);
            }
            Uni<MenuBot.Result> menuStep = in.started() ? written.chain(() -> menu.start(c, in))
                    : "BOT".equals(taskState) ? written.chain(() -> menu.answer(c, in))
                            : written.replaceWith(MenuBot.Result.NONE);
            return menuStep.chain(result -> result.category() == null ? Uni.createFrom().item(result)
                    : saveSession(c, in, after.withCategory(result.category(), "menu")).replaceWith(result))
                    .map(result -> new Outcome(result.closeReason()));
        });
    }

    private Uni<Void> write(SqlConnection c, Inbound in, MessageVerdict m, SessionVerdict s) {
        return c.preparedQuery(WRITE).execute(Tuple.from(Arrays.asList(in.sessionId(), in.messageId(), m.category(),
                m.category() == null ? null : (float) m.confidence(), m.source(), m.spam(), m.spamReason(),
                m.language(), m.urgent(), in.now(), s.category(),
                s.confidence() == null ? null : s.confidence().floatValue(), s.source(), s.spam(), s.spamReason(),
                s.spamSource(), s.language(), s.urgent(), s.toJson(), in.customerId()))).replaceWithVoid();
    }

    /** Stores a session classification decided outside the message flow (menu choice) and shows it to routing. */
    static Uni<Void> saveSession(SqlConnection c, Inbound in, SessionVerdict s) {
        return c.preparedQuery("""
                WITH s AS (UPDATE session_classifications SET category = $2, confidence = $3, source = $4,
                               updated_at = $5 WHERE session_id = $1)
                UPDATE routing_tasks SET attributes = jsonb_set(attributes, '{classification}', $6::jsonb
                    || jsonb_build_object('vip', coalesce(attributes -> 'classification' -> 'vip', 'false'::jsonb)))
                WHERE session_id = $1""")
                .execute(Tuple.from(Arrays.asList(in.sessionId(), s.category(), s.confidence().floatValue(), s.source(),
                        in.now(), s.toJson())))
                .replaceWithVoid();
    }

    /** The polite answer to spam, by channel id, then channel type, then {@code default}; none when not configured. */
    private Uni<Void> spamReply(SqlConnection c, Inbound in) {
        var replyTexts = classifier.rules().rules.spam().autoReplies();
        String text = replyTexts.getOrDefault(in.channelId().toString(),
                replyTexts.getOrDefault(in.channelType(), replyTexts.get("default")));
        Uni<Void> drop = c.preparedQuery("DELETE FROM menu_sessions WHERE session_id = $1")
                .execute(Tuple.of(in.sessionId())).replaceWithVoid();
        return text == null || text.isBlank() ? drop : drop.chain(() -> replies.send(c, in, text, List.of()));
    }

    private static SessionVerdict read(Row row) {
        Float confidence = row.getFloat("confidence");
        return new SessionVerdict(row.getString("category"), confidence == null ? null : confidence.doubleValue(),
                row.getString("source"), row.getBoolean("spam"), row.getString("spam_reason"),
                row.getString("spam_source"), row.getString("language"), row.getBoolean("urgent"));
    }

    private static List<String> senderIds(Sender sender) {
        List<String> ids = new ArrayList<>(4);
        if (sender != null) {
            ids.add(sender.externalUserId());
            ids.add(sender.username());
            ids.add(sender.phone());
            ids.add(sender.email());
        }
        return ids;
    }
}
