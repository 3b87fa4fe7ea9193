package io.parley.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Finds customers by a channel identity, email or phone (for supervisors and CRMs looking a customer up). */
@Path("/api/customers")
@RolesAllowed({ Roles.SUPERVISOR, Roles.INTEGRATOR })
class CustomerLookupResource {

    private final CustomerService customers;

    CustomerLookupResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    public Uni<List<Views.CustomerView>> find(@QueryParam("channelId") UUID channelId,
            @QueryParam("externalUserId") String externalUserId, @QueryParam("email") String email,
            @QueryParam("phone") String phone) {
        Uni<List<UUID>> ids;
        if (channelId != null && externalUserId != null) {
            ids = Panache.withSession(() -> IdentityEntity.<IdentityEntity> list(
                    "channelId = ?1 and externalUserId = ?2", channelId, externalUserId))
                    .map(found -> found.stream().map(i -> i.customerId).distinct().toList());
        } else if (email != null || phone != null) {
            // "+7916…" unencoded in a query string arrives as " 7916…": digits alone also find "+digits"
            String digits = phone == null ? null : phone.strip().replaceFirst("^\\+", "");
            String international = digits != null && digits.matches("\\d{5,15}") ? "+" + digits : phone;
            ids = Panache.withSession(() -> CustomerEntity.<CustomerEntity> list(
                    "mergedInto is null and (email = ?1 or phone = ?2 or phone = ?3)", email, phone, international))
                    .map(found -> found.stream().map(c -> c.id).toList());
        } else {
            return Uni.createFrom().failure(ProblemException.invalidField("channelId",
                    "give channelId with externalUserId, or email, or phone"));
        }
        return ids.chain(list -> list.isEmpty() ? Uni.createFrom().item(List.<Views.CustomerView> of())
                : Uni.join().all(list.stream().map(customers::get).toList()).andFailFast());
    }
}
