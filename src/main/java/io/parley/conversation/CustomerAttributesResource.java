package io.parley.conversation;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the CRM knows about a customer ({@code {"vip": true, "segment": "gold"}}): replaced as a whole, audited, and
 * seen by routing rules as {@code customer.*} from the customer's next message on ({@code customer.vip} also becomes
 * the classification's {@code vip} priority hint).
 */
@Path("/api/customers/{id}/attributes")
@RolesAllowed({ Roles.SUPERVISOR, Roles.INTEGRATOR })
class CustomerAttributesResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final int MAX_ATTRIBUTES = 50;

    private final Pool pool;
    private final SessionAccess access;
    private final SecurityIdentity identity;

    CustomerAttributesResource(Pool pool, SessionAccess access, SecurityIdentity identity) {
        this.pool = pool;
        this.access = access;
        this.identity = identity;
    }

    /** Operators read the attributes of customers whose conversations they may read (the desk's customer panel). */
    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.INTEGRATOR, Roles.OPERATOR })
    public Uni<Map<String, Object>> get(UUID id) {
        Uni<Void> allowed = identity.hasRole(Roles.SUPERVISOR) || identity.hasRole(Roles.INTEGRATOR)
                ? Uni.createFrom().voidItem()
                : Panache.withSession(() -> access.customer(id, identity));
        return allowed.chain(() -> pool.preparedQuery("SELECT attributes FROM customers WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Customer " + id);
                    }
                    return ((JsonObject) rows.iterator().next().getValue("attributes")).getMap();
                }));
    }

    @PUT
    public Uni<Map<String, Object>> put(UUID id, @NotNull Map<String, Object> attributes) {
        JsonObject valid = validate(attributes);
        JsonObject details = new JsonObject().put("names", String.join(",", valid.fieldNames()));
        return pool.withTransaction(c -> c.preparedQuery("UPDATE customers SET attributes = $2, updated_at = now()"
                + " WHERE id = $1 RETURNING id").execute(Tuple.of(id, valid))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("Customer " + id);
                    }
                    return c.preparedQuery("INSERT INTO audit_log (actor, action, subject, details)"
                            + " VALUES ($1, 'customer.attributes', $2, $3)")
                            .execute(Tuple.of(identity.getPrincipal().getName(), id.toString(), details));
                }))
                .replaceWith(valid.getMap());
    }

    private static JsonObject validate(Map<String, Object> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw ProblemException.invalidField("attributes", "at most " + MAX_ATTRIBUTES + " attributes");
        }
        JsonObject valid = new JsonObject();
        attributes.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw ProblemException.invalidField("attributes." + name, "names are letters, digits and _ (max 40)");
            }
            boolean scalar = value instanceof Boolean || value instanceof Number
                    || value instanceof String text && text.length() <= 200;
            if (!scalar) {
                throw ProblemException.invalidField("attributes." + name,
                        "must be a boolean, a number or a text of at most 200 characters");
            }
            valid.put(name, value);
        });
        return valid;
    }
}
