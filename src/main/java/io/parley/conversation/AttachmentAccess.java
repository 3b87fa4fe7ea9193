package io.parley.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Attachment;
import io.parley.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Who may download a file linked from a message: the timeline's rule ({@link SessionAccess#customer}) for the customer
 * whose message carries the link, so supervisors, and operators holding one of that customer's conversations. A link no
 * stored message on the channel carries is unknown (404): file ids cannot be probed through Parley.
 */
@ApplicationScoped
public class AttachmentAccess {

    private final SessionAccess access;

    AttachmentAccess(SessionAccess access) {
        this.access = access;
    }

    /** The stored attachment whose link is {@code url} on {@code channelId}, if {@code who} may read it. */
    public Uni<Attachment> readable(UUID channelId, String url, SecurityIdentity who) {
        return Panache.withSession(() -> Panache.getSession().chain(db -> db.<Object[]> createNativeQuery("""
                SELECT m.customer_id, a->>'name', a->>'mediaType', COALESCE((a->>'size')::bigint, -1)
                  FROM messages m CROSS JOIN LATERAL jsonb_array_elements(m.attachments::jsonb) a
                 WHERE m.channel_id = ?1 AND m.attachments <> '[]'
                   AND m.attachments::jsonb @> CAST(?2 AS text)::jsonb AND a->>'url' = ?3
                 LIMIT 20""").setParameter(1, channelId)
                .setParameter(2, "[" + new io.vertx.core.json.JsonObject().put("url", url).encode() + "]")
                .setParameter(3, url).getResultList())
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().failure(ProblemException.notFound("File"))
                        : anyReadable(rows, who).map(row -> new Attachment(url, (String) row[1], (String) row[2],
                                ((Number) row[3]).longValue()))));
    }

    /** The first row whose customer {@code who} may read; else the timeline's 403. */
    private Uni<Object[]> anyReadable(List<Object[]> rows, SecurityIdentity who) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> access.customer((UUID) row[0], who).replaceWith(row)
                        .onFailure(ProblemException.class).recoverWithNull())
                .select().first().toUni()
                .onItem().ifNull().switchTo(() -> access.customer((UUID) rows.get(0)[0], who).replaceWith(rows.get(0)));
    }
}
