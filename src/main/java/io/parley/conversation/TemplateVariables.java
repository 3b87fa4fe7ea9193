package io.parley.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The values templates (canned replies) may use for a session the caller may read: {@code customer.name},
 * {@code customer.<attribute>} (CRM attributes), {@code operator.name}, {@code session.id}, {@code queue.name}.
 */
@ApplicationScoped
public class TemplateVariables {

    private static final String QUERY = """
            SELECT c.display_name, c.attributes::text, o.display_name, q.name
              FROM sessions s JOIN customers c ON c.id = s.customer_id
              LEFT JOIN operators o ON o.subject = ?2
              LEFT JOIN routing_tasks t ON t.session_id = s.id
              LEFT JOIN queues q ON q.id = t.queue
             WHERE s.id = ?1""";

    private final SessionAccess access;

    TemplateVariables(SessionAccess access) {
        this.access = access;
    }

    /** The variables by name (missing values are empty); 403/404 like reading the session. */
    public Uni<Map<String, String>> of(UUID sessionId, SecurityIdentity who) {
        String subject = who.getPrincipal().getName();
        return Panache.withSession(() -> access.reader(sessionId, who).chain(session -> Panache.getSession()
                .chain(db -> db.createNativeQuery(QUERY, Object[].class).setParameter(1, sessionId)
                        .setParameter(2, subject).getSingleResult())))
                .map(row -> {
                    Map<String, String> values = new HashMap<>();
                    new JsonObject(row[1] == null ? "{}" : (String) row[1])
                            .forEach(e -> values.put("customer." + e.getKey(), String.valueOf(e.getValue())));
                    values.put("customer.name", text(row[0]));
                    values.put("operator.name", row[2] == null ? subject : (String) row[2]);
                    values.put("queue.name", text(row[3]));
                    values.put("session.id", sessionId.toString());
                    return values;
                });
    }

    private static String text(Object value) {
        return value == null ? "" : (String) value;
    }
}
