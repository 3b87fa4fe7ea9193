package io.parley.classification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.conversation.WrapUpLabels;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A session's classification as people see and correct it: operators correct the category (a training label),
 * supervisors mark and unmark spam (a label, and the customer's later sessions follow the mark). Each change is
 * shown to routing at once and audited.
 */
@ApplicationScoped
class SessionClassifications implements WrapUpLabels {

    /** One message's classification. */
    record MessageView(UUID messageId, String category, Float confidence, String source, boolean spam,
            String spamReason, String language, boolean urgent, OffsetDateTime at) {
    }

    /** The session's classification and its messages'. */
    record View(UUID sessionId, String category, Float confidence, String source, boolean spam, String spamReason,
            String spamSource, String language, boolean urgent, String taskState, List<MessageView> messages) {
    }

    private static final Logger LOG = Logger.getLogger(SessionClassifications.class);
    private static final String LABEL_TEXT = """
            INSERT INTO classification_labels (session_id, category, text, labeled_by)
            SELECT $1, $2, COALESCE(left(string_agg(concat_ws(' ', subject, text), ' ' ORDER BY sent_at, seq), 2000),
                   ''), $3
            FROM messages WHERE session_id = $1 AND direction = 'IN' AND (text IS NOT NULL OR subject IS NOT NULL)""";

    private final Pool pool;

    SessionClassifications(Pool pool) {
        this.pool = pool;
    }

    Uni<View> view(UUID sessionId, SecurityIdentity who) {
        return pool.withConnection(c -> access(c, sessionId, who).chain(() -> c.preparedQuery("""
                SELECT sc.*, t.state AS task_state FROM sessions s
                LEFT JOIN session_classifications sc ON sc.session_id = s.id
                LEFT JOIN routing_tasks t ON t.session_id = s.id WHERE s.id = $1""").execute(Tuple.of(sessionId)))
                .chain(session -> c.preparedQuery("SELECT * FROM message_classifications WHERE session_id = $1"
                        + " ORDER BY at, message_id").execute(Tuple.of(sessionId))
                        .map(messages -> {
                            List<MessageView> list = new ArrayList<>();
                            messages.forEach(m -> list.add(new MessageView(m.getUUID("message_id"),
                                    m.getString("category"), m.getFloat("confidence"), m.getString("source"),
                                    m.getBoolean("spam"), m.getString("spam_reason"), m.getString("language"),
                                    m.getBoolean("urgent"), m.getOffsetDateTime("at"))));
                            Row s = session.iterator().next();
                            return new View(sessionId, s.getString("category"), s.getFloat("confidence"),
                                    s.getString("source"), Boolean.TRUE.equals(s.getBoolean("spam")),
                                    s.getString("spam_reason"), s.getString("spam_source"), s.getString("language"),
                                    Boolean.TRUE.equals(s.getBoolean("urgent")), s.getString("task_state"), list);
                        })));
    }

    /** An operator's or supervisor's category for the session: routing sees it, and it becomes a training label. */
    @Override
    public Uni<Void> label(UUID sessionId, String category, SecurityIdentity who) {
        return correct(sessionId, category, who).replaceWithVoid();
    }

    Uni<View> correct(UUID sessionId, String category, SecurityIdentity who) {
        String actor = who.getPrincipal().getName();
        return pool.withTransaction(c -> access(c, sessionId, who)
                .chain(() -> c.preparedQuery("""
                        INSERT INTO session_classifications (session_id, category, confidence, source, updated_at)
                        VALUES ($1, $2, 1, 'operator', now())
                        ON CONFLICT (session_id) DO UPDATE SET category = $2, confidence = 1, source = 'operator',
                            updated_at = now()""").execute(Tuple.of(sessionId, category)))
                .chain(() -> c.preparedQuery(LABEL_TEXT).execute(Tuple.of(sessionId, category, actor)))
                .chain(() -> showToRouting(c, sessionId, null))
                .chain(() -> Audit.record(c, actor, "classification.corrected", sessionId.toString(),
                        new JsonObject().put("category", category))))
                .invoke(() -> LOG.infof("Session %s category corrected by %s", sessionId, actor))
                .chain(() -> view(sessionId, who));
    }

    /**
     * A supervisor's spam decision. Spam: the task leaves routing (state {@code SPAM}, a pending offer is withdrawn,
     * an operator holding it is freed) and the customer's later sessions are spam at once. Not spam: the task waits
     * for routing again and the customer's mark is removed. Either way the text becomes a label.
     */
    Uni<View> markSpam(UUID sessionId, boolean spam, SecurityIdentity who) {
        String actor = who.getPrincipal().getName();
        return pool.withTransaction(c -> c.preparedQuery("SELECT customer_id FROM sessions WHERE id = $1")
                .execute(Tuple.of(sessionId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Session " + sessionId);
                    }
                    UUID customer = rows.iterator().next().getUUID("customer_id");
                    return c.preparedQuery("""
                            INSERT INTO session_classifications (session_id, spam, spam_reason, spam_source, updated_at)
                            VALUES ($1, $2, $3, 'operator', now())
                            ON CONFLICT (session_id) DO UPDATE SET spam = $2, spam_reason = $3, spam_source = 'operator',
                                updated_at = now()""")
                            .execute(Tuple.of(sessionId, spam, spam ? "marked by supervisor" : null))
                            .chain(() -> spam ? c.preparedQuery("INSERT INTO spam_senders (customer_id, marked_by, at)"
                                    + " VALUES ($1, $2, now()) ON CONFLICT DO NOTHING").execute(Tuple.of(customer, actor))
                                    : c.preparedQuery("DELETE FROM spam_senders WHERE customer_id = $1")
                                            .execute(Tuple.of(customer)))
                            .chain(() -> spam ? c.preparedQuery(LABEL_TEXT)
                                    .execute(Tuple.of(sessionId, Classifier.SPAM, actor)) : Uni.createFrom().nullItem())
                            .chain(() -> spam ? leaveRouting(c, sessionId) : Uni.createFrom().voidItem())
                            .chain(() -> showToRouting(c, sessionId, spam ? "SPAM" : "WAITING"))
                            .chain(() -> Audit.record(c, actor, spam ? "classification.spam.marked"
                                    : "classification.spam.unmarked", sessionId.toString(), new JsonObject()));
                }))
                .chain(() -> view(sessionId, who));
    }

    /** Withdraws a pending offer and frees the operator holding the session. */
    private static Uni<Void> leaveRouting(SqlConnection c, UUID sessionId) {
        return c.preparedQuery("UPDATE offers SET state = 'RESCINDED', decided_at = now() WHERE session_id = $1"
                + " AND state = 'PENDING'").execute(Tuple.of(sessionId))
                .chain(() -> c.preparedQuery("UPDATE sessions SET assignee = NULL WHERE id = $1")
                        .execute(Tuple.of(sessionId)))
                .replaceWithVoid();
    }

    /**
     * Copies the session classification into the routing task; with {@code state}, also moves a task that routing
     * does not own yet (or, for SPAM, any open one) to that state.
     */
    private static Uni<Void> showToRouting(SqlConnection c, UUID sessionId, String state) {
        return c.preparedQuery("""
                UPDATE routing_tasks t SET attributes = jsonb_set(t.attributes, '{classification}', jsonb_build_object(
                        'category', sc.category, 'confidence', sc.confidence, 'source', sc.source, 'spam', sc.spam,
                        'spamReason', sc.spam_reason, 'language', sc.language, 'urgent', sc.urgent,
                        'vip', coalesce(t.attributes -> 'classification' -> 'vip', 'false'::jsonb))),
                    state = CASE WHEN $2 = 'SPAM' AND t.state <> 'DONE' THEN 'SPAM'
                                 WHEN $2 = 'WAITING' AND t.state = 'SPAM' THEN 'WAITING' ELSE t.state END,
                    assignee = CASE WHEN $2 = 'SPAM' THEN NULL ELSE t.assignee END, updated_at = now()
                FROM session_classifications sc WHERE t.session_id = $1 AND sc.session_id = $1""")
                .execute(Tuple.of(sessionId, state)).replaceWithVoid();
    }

    /** Supervisors see every session; an operator only one assigned or offered to them. */
    private static Uni<Void> access(SqlConnection c, UUID sessionId, SecurityIdentity who) {
        return c.preparedQuery("SELECT s.assignee, EXISTS (SELECT 1 FROM offers o WHERE o.session_id = s.id AND"
                + " o.operator = $2 AND o.state = 'PENDING') AS offered FROM sessions s WHERE s.id = $1")
                .execute(Tuple.of(sessionId, who.getPrincipal().getName()))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Session " + sessionId);
                    }
                    Row row = rows.iterator().next();
                    if (!who.hasRole(Roles.SUPERVISOR) && !who.getPrincipal().getName().equals(row.getString("assignee"))
                            && !row.getBoolean("offered")) {
                        throw new ProblemException(Problem.of(403, "Forbidden", "This conversation is not assigned to you"));
                    }
                }).replaceWithVoid();
    }
}
