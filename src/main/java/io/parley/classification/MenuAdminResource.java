package io.parley.classification;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The menu bot's flows: validated when saved (no dead ends; every path ends or reaches an operator). */
@Path("/api/admin/menus")
@RolesAllowed(Roles.ADMIN)
class MenuAdminResource {

    private final MenuFlows menus;
    private final SecurityIdentity identity;

    MenuAdminResource(MenuFlows menus, SecurityIdentity identity) {
        this.menus = menus;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<Map<String, MenuFlow>> list() {
        return menus.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
    public Uni<MenuFlow> get(String id) {
        return menus.list().map(all -> {
            if (!all.containsKey(id)) {
                throw ProblemException.notFound("Menu " + id);
            }
            return all.get(id);
        });
    }

    @PUT
    @Path("/{id}")
    public Uni<MenuFlow> save(String id, @NotNull MenuFlow flow) {
        return menus.save(id, flow, identity.getPrincipal().getName()).map(MenuFlows.Saved::flow);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(String id) {
        return menus.delete(id, identity.getPrincipal().getName());
    }
}
