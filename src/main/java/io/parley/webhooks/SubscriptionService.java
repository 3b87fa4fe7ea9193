package io.parley.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.ProblemException;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.expression.ExpressionSyntaxException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Subscriptions: validated, stored with encrypted secrets, audited. */
@ApplicationScoped
class SubscriptionService {

    private static final String COLUMNS = "id, url, types, filter, description, secrets, enabled, failure_streak,"
            + " disabled_reason, created_at, updated_at";

    private final Pool pool;
    private final StoredSecrets secrets;
    private final WebhooksConfig config;

    SubscriptionService(Pool pool, StoredSecrets secrets, WebhooksConfig config) {
        this.pool = pool;
        this.secrets = secrets;
        this.config = config;
    }

    Uni<SubscriptionView> create(SubscriptionRequest request, String actor) {
        validate(request);
        if (request.secret() == null) {
            throw ProblemException.invalidField("secret", "required: whsec_ followed by base64 of 24 to 64 bytes");
        }
        byte[] sealed = secrets.seal(List.of(new StoredSecrets.Secret(request.secret(), null)));
        UUID id = UUID.randomUUID();
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO webhook_subscriptions (id, url, types, filter,"
                + " description, secrets, enabled, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "
                + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, request.url(), request.types().toArray(String[]::new),
                        request.filter(), request.description(), Buffer.buffer(sealed),
                        !Boolean.FALSE.equals(request.enabled()), actor)))
                .call(() -> audit(c, actor, "webhook.created", id)))
                .map(this::single);
    }

    Uni<SubscriptionView> replace(UUID id, SubscriptionRequest request, String actor) {
        validate(request);
        if (request.secret() != null) {
            throw ProblemException.invalidField("secret", "rotate secrets with POST .../secrets");
        }
        boolean enable = !Boolean.FALSE.equals(request.enabled());
        return pool.withTransaction(c -> c.preparedQuery("UPDATE webhook_subscriptions SET url = $2, types = $3,"
                + " filter = $4, description = $5, enabled = $6,"
                + " failure_streak = CASE WHEN $6 AND NOT enabled THEN 0 ELSE failure_streak END,"
                + " disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END, updated_at = now()"
                + " WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, request.url(), request.types().toArray(String[]::new),
                        request.filter(), request.description(), enable)))
                .call(() -> audit(c, actor, "webhook.updated", id)))
                .map(this::single);
    }

    Uni<SubscriptionView> rotate(UUID id, String secret, String actor) {
        validateSecret(secret);
        OffsetDateTime until = now().plus(config.secretOverlap());
        return pool.withTransaction(c -> c.preparedQuery("SELECT secrets FROM webhook_subscriptions WHERE id = $1"
                + " FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> secrets.rotate(single(rows, r -> r.getBuffer("secrets").getBytes()), secret, until))
                .chain(sealed -> c.preparedQuery("UPDATE webhook_subscriptions SET secrets = $2, updated_at = now()"
                        + " WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id, Buffer.buffer(sealed))))
                .call(() -> audit(c, actor, "webhook.secret-rotated", id)))
                .map(this::single);
    }

    Uni<SubscriptionView> get(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = $1")
                .execute(Tuple.of(id)).map(this::single);
    }

    Uni<List<SubscriptionView>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at").execute()
                .map(rows -> {
                    OffsetDateTime now = now();
                    return rows.stream().map(row -> view(row, now)).toList();
                });
    }

    Uni<Void> delete(UUID id, String actor) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id")
                .execute(Tuple.of(id)).map(rows -> single(rows, r -> id))
                .call(() -> audit(c, actor, "webhook.deleted", id)))
                .replaceWithVoid();
    }

    private Uni<?> audit(SqlConnection c, String actor, String action, UUID id) {
        return c.preparedQuery("INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(actor, action, id.toString(), new JsonObject()));
    }

    private SubscriptionView single(RowSet<Row> rows) {
        return single(rows, row -> view(row, now()));
    }

    private static <T> T single(RowSet<Row> rows, Function<Row, T> map) {
        if (!rows.iterator().hasNext()) {
            throw ProblemException.notFound("Webhook subscription");
        }
        return map.apply(rows.iterator().next());
    }

    private SubscriptionView view(Row row, OffsetDateTime now) {
        return new SubscriptionView(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("types")),
                row.getString("filter"), row.getString("description"), row.getBoolean("enabled"),
                row.getInteger("failure_streak"), row.getString("disabled_reason"),
                secrets.views(row.getBuffer("secrets").getBytes(), now), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    private static void validate(SubscriptionRequest request) {
        try {
            URI uri = new URI(request.url());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ProblemException.invalidField("url", "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "must be an absolute http or https URL");
        }
        for (int i = 0; i < request.types().size(); i++) {
            if (!TypePatterns.valid(request.types().get(i))) {
                throw ProblemException.invalidField("types[" + i + "]",
                        "a CloudEvents type of letters, digits, '.', '-', '_' with '*' wildcards");
            }
        }
        if (request.description() != null && request.description().indexOf('\0') >= 0) {
            throw ProblemException.invalidField("description", "must not contain NUL characters");
        }
        if (request.filter() != null) {
            if (request.filter().indexOf('\0') >= 0) {
                throw ProblemException.invalidField("filter", "must not contain NUL characters");
            }
            try {
                ExpressionParser.parse(request.filter());
            } catch (ExpressionSyntaxException e) {
                throw ProblemException.invalidField("filter", e.getMessage());
            }
        }
        if (request.secret() != null) {
            validateSecret(request.secret());
        }
    }

    private static void validateSecret(String secret) {
        try {
            Signatures.key(secret);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("secret", e.getMessage());
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
