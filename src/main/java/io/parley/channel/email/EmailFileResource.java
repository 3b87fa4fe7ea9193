package io.parley.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.parley.channel.runtime.ChannelDirectory;
import io.parley.channel.spi.ChannelException;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Attachments of customers' mails, as linked from their messages: read from the mailbox (the processed folder) when
 * opened, so Parley stores no files. {@code mail} is the base64url Message-ID, {@code path} the MIME part's position.
 */
@Path("/api/email/{channelId}/attachments/{mail}/{path}")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR })
class EmailFileResource {

    private final ChannelDirectory directory;

    EmailFileResource(ChannelDirectory directory) {
        this.directory = directory;
    }

    @GET
    public Uni<Response> attachment(UUID channelId, String mail, String path) {
        String messageId;
        try {
            messageId = new String(Base64.getUrlDecoder().decode(mail), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("Attachment"));
        }
        if (!path.matches("\\d{1,3}(\\.\\d{1,3}){0,9}")) {
            return Uni.createFrom().failure(ProblemException.notFound("Attachment"));
        }
        return directory.resolve(channelId).chain(channel -> {
            if (!(channel.adapter() instanceof EmailAdapter email)) {
                throw ProblemException.notFound("Email channel " + channelId);
            }
            return email.attachment(messageId, path);
        }).map(content -> {
            if (content == null) {
                throw ProblemException.notFound("Attachment");
            }
            return Response.ok(content.bytes()).type(content.mediaType().split(";")[0].trim()).build();
        }).onFailure(ChannelException.class).transform(e -> new ProblemException(Problem.of(502,
                "The mail server refused", ((ChannelException) e).failure().reason())));
    }
}
