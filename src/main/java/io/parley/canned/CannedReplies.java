package io.parley.canned;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Stores canned replies and finds them by shortcut or title word. */
@ApplicationScoped
class CannedReplies {

    /** Longest list answered to one search. */
    static final int LIMIT = 50;

    private static final String MATCH = " (cast($1 AS text) IS NULL OR search LIKE '%' || $1 || '%')";

    private static final String FOR_SESSION = """
            SELECT r.* FROM canned_replies r
             WHERE (r.queue_id IS NULL OR r.queue_id = (SELECT queue FROM routing_tasks WHERE session_id = $2))
               AND (r.language IS NULL OR r.language = (SELECT c.language FROM sessions s JOIN customers c
                                                          ON c.id = s.customer_id WHERE s.id = $2))
               AND""" + MATCH + " ORDER BY r.shortcut LIMIT " + LIMIT;

    private final Pool pool;

    CannedReplies(Pool pool) {
        this.pool = pool;
    }

    Uni<List<CannedReply>> search(String query, String queueId) {
        return pool.preparedQuery("SELECT * FROM canned_replies WHERE (cast($2 AS text) IS NULL OR queue_id IS NULL"
                + " OR queue_id = $2) AND" + MATCH + " ORDER BY shortcut LIMIT " + LIMIT)
                .execute(Tuple.of(escaped(query), queueId)).map(CannedReplies::replies);
    }

    /** Those offered in the session's queue and customer language. */
    Uni<List<CannedReply>> forSession(UUID sessionId, String query) {
        return pool.preparedQuery(FOR_SESSION).execute(Tuple.of(escaped(query), sessionId))
                .map(CannedReplies::replies);
    }

    Uni<CannedReply> create(CannedReply.Definition d, String actor) {
        CannedReply reply = new CannedReply(UUID.randomUUID(), d.shortcut(), d.title(), d.body(), d.queueId(),
                d.language(), actor, OffsetDateTime.now(ZoneOffset.UTC));
        return pool.preparedQuery("INSERT INTO canned_replies (id, shortcut, title, body, queue_id, language,"
                + " updated_by, updated_at, search) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(reply.id(), d.shortcut(), d.title(), d.body(), nullable(d.queueId()),
                        nullable(d.language()), actor, reply.updatedAt(), searchable(d))))
                .onFailure(CannedReplies::duplicate).transform(e -> taken(d.shortcut())).replaceWith(reply);
    }

    Uni<CannedReply> update(UUID id, CannedReply.Definition d, String actor) {
        return pool.preparedQuery("UPDATE canned_replies SET shortcut = $2, title = $3, body = $4, queue_id = $5,"
                + " language = $6, updated_by = $7, updated_at = now(), search = $8 WHERE id = $1 RETURNING *")
                .execute(Tuple.from(Arrays.asList(id, d.shortcut(), d.title(), d.body(), nullable(d.queueId()),
                        nullable(d.language()), actor, searchable(d))))
                .onFailure(CannedReplies::duplicate).transform(e -> taken(d.shortcut()))
                .map(rows -> one(rows, id));
    }

    Uni<Void> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM canned_replies WHERE id = $1 RETURNING *").execute(Tuple.of(id))
                .map(rows -> one(rows, id)).replaceWithVoid();
    }

    private static CannedReply one(RowSet<Row> rows, UUID id) {
        if (!rows.iterator().hasNext()) {
            throw ProblemException.notFound("Canned reply " + id);
        }
        return reply(rows.iterator().next());
    }

    private static List<CannedReply> replies(RowSet<Row> rows) {
        List<CannedReply> replies = new ArrayList<>();
        rows.forEach(row -> replies.add(reply(row)));
        return replies;
    }

    private static CannedReply reply(Row r) {
        return new CannedReply(r.getUUID("id"), r.getString("shortcut"), r.getString("title"), r.getString("body"),
                r.getString("queue_id"), r.getString("language"), r.getString("updated_by"),
                r.getOffsetDateTime("updated_at"));
    }

    /** A search word, lower-cased like {@link #searchable}, with LIKE's wildcards taken literally; null for none. */
    private static String escaped(String query) {
        return query == null || query.isBlank() ? null
                : query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_");
    }

    private static String searchable(CannedReply.Definition d) {
        return ("/" + d.shortcut() + " " + d.title()).toLowerCase(Locale.ROOT);
    }

    private static Object nullable(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean duplicate(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static ProblemException taken(String shortcut) {
        return ProblemException.conflict("The shortcut " + shortcut + " is taken in that queue and language");
    }
}
