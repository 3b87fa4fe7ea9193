package io.parley.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Short-lived, single-use tickets that open an operator WebSocket (browsers cannot send an Authorization header on a
 * WebSocket, and a long-lived token must not travel in a URL). Stored hashed, valid on any instance.
 */
@ApplicationScoped
class PushTickets {

    /** A ticket and until when it can be used. */
    record Ticket(String ticket, OffsetDateTime expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Pool pool;
    private final PushConfig config;

    PushTickets(Pool pool, PushConfig config) {
        this.pool = pool;
        this.config = config;
    }

    Uni<Ticket> issue(SecurityIdentity who) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(config.ticketTtl());
        return pool.preparedQuery("INSERT INTO push_tickets (hash, subject, roles, expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(hash(ticket), who.getPrincipal().getName(),
                        who.getRoles().toArray(String[]::new), expires))
                .replaceWith(new Ticket(ticket, expires));
    }

    /** The identity a ticket was issued to, once; {@code null} for an unknown, used or expired ticket. */
    Uni<SecurityIdentity> redeem(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("UPDATE push_tickets SET used_at = now() WHERE hash = $1 AND used_at IS NULL"
                + " AND expires_at > now() RETURNING subject, roles").execute(Tuple.of(hash(ticket)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(row.getString("subject")))
                            .addRoles(Set.of(row.getArrayOfStrings("roles"))).build();
                });
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
