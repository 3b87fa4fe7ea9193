package io.parley.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.parley.channel.runtime.ChannelDirectory;
import io.parley.channel.runtime.ChannelRuntimeConfig;
import io.parley.channel.runtime.Downloads;
import io.parley.channel.spi.ChannelException;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.conversation.AttachmentAccess;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Attachments of customers' mails, as linked from their messages: read from the mailbox (the processed folder) when
 * opened, so Parley stores no files. {@code mail} is the base64url Message-ID, {@code path} the MIME part's position.
 * Readable by whoever may read the timeline of the customer whose message links the file ({@link AttachmentAccess});
 * served as {@link Downloads} describes, with the name and type stored with the message.
 */
@Path("/api/email/{channelId}/attachments/{mail}/{path}")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class EmailFileResource {

    private final ChannelDirectory directory;
    private final AttachmentAccess access;
    private final ChannelRuntimeConfig config;
    private final SecurityIdentity identity;

    EmailFileResource(ChannelDirectory directory, AttachmentAccess access, ChannelRuntimeConfig config,
            SecurityIdentity identity) {
        this.directory = directory;
        this.access = access;
        this.config = config;
        this.identity = identity;
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
        String url = config.publicBaseUrl() + "/api/email/" + channelId + "/attachments/" + mail + "/" + path;
        return access.readable(channelId, url, identity).chain(attachment -> directory.resolve(channelId)
                .chain(channel -> {
                    if (!(channel.adapter() instanceof EmailAdapter email)) {
                        throw ProblemException.notFound("Email channel " + channelId);
                    }
                    return email.attachment(messageId, path);
                }).map(content -> {
                    if (content == null) {
                        throw ProblemException.notFound("Attachment");
                    }
                    return Downloads.of(content.bytes(), attachment.name(), attachment.mediaType());
                })).onFailure(ChannelException.class).transform(e -> new ProblemException(Problem.of(502,
                        "The mail server refused", ((ChannelException) e).failure().reason())));
    }
}
