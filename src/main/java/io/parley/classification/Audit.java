package io.parley.classification;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Audit records written on a plain SQL connection, in the caller's transaction (same table as common/audit). */
final class Audit {

    private Audit() {
    }

    static Uni<Void> record(SqlConnection c, String actor, String action, String subject, JsonObject details) {
        return c.preparedQuery("INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, $2, $3, $4::jsonb)")
                .execute(Tuple.of(actor, action, subject, details)).replaceWithVoid();
    }
}
