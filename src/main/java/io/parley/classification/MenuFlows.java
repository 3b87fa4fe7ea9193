package io.parley.classification;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The saved menus, validated on save, and an in-memory copy the bot reads on the hot path (refreshed on every save
 * here and every {@code refresh-every} from the database, so other instances follow).
 */
@ApplicationScoped
class MenuFlows {

    /** A saved menu. */
    record Saved(String id, MenuFlow flow) {
    }

    private final Pool pool;
    private volatile Map<String, MenuFlow> flows = Map.of();

    MenuFlows(Pool pool) {
        this.pool = pool;
    }

    /** The menu for a new session on this channel (by instance id first, then by type), if any. */
    Optional<Saved> forChannel(UUID channelId, String channelType) {
        Map<String, MenuFlow> current = flows;
        return current.entrySet().stream().filter(e -> e.getValue().channels().contains(channelId.toString()))
                .findFirst()
                .or(() -> current.entrySet().stream().filter(e -> e.getValue().channels().contains(channelType))
                        .findFirst())
                .map(e -> new Saved(e.getKey(), e.getValue()));
    }

    MenuFlow get(String id) {
        return flows.get(id);
    }

    Uni<Map<String, MenuFlow>> list() {
        return refresh();
    }

    Uni<Saved> save(String id, MenuFlow flow, String actor) {
        if (id.isBlank() || id.length() > 64) {
            throw ProblemException.invalidField("id", "must be 1 to 64 characters");
        }
        MenuValidation.validate(flow);
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO menu_flows (id, document, updated_by)"
                + " VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document,"
                + " updated_by = EXCLUDED.updated_by, updated_at = now()")
                .execute(Tuple.of(id, JsonObject.mapFrom(flow), actor))
                .chain(() -> Audit.record(c, actor, "menu.saved", id, new JsonObject())))
                .chain(this::refresh).replaceWith(new Saved(id, flow));
    }

    Uni<Void> delete(String id, String actor) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM menu_flows WHERE id = $1").execute(Tuple.of(id))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Menu " + id);
                    }
                })
                .chain(() -> Audit.record(c, actor, "menu.deleted", id, new JsonObject())))
                .chain(this::refresh).replaceWithVoid();
    }

    /** Reads all menus from the database into memory. */
    Uni<Map<String, MenuFlow>> refresh() {
        return pool.query("SELECT id, document FROM menu_flows ORDER BY id").execute().map(rows -> {
            Map<String, MenuFlow> read = new TreeMap<>();
            for (Row row : rows) {
                read.put(row.getString("id"), row.getJsonObject("document").mapTo(MenuFlow.class));
            }
            flows = read;
            return read;
        });
    }
}
