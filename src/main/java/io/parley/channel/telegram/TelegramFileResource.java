package io.parley.channel.telegram;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.parley.channel.runtime.ChannelDirectory;
import io.parley.channel.runtime.ChannelRuntimeConfig;
import io.parley.channel.runtime.Downloads;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.conversation.AttachmentAccess;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Files customers sent through Telegram, as linked from their messages: resolved through {@code getFile} and streamed
 * through Parley, so the bot token (part of Telegram's file URLs) never reaches a browser. Readable by whoever may read
 * the timeline of the customer whose message links the file ({@link AttachmentAccess}); served as {@link Downloads}
 * describes, with the name and type stored with the message. A file id no message links, or one Telegram does not
 * know, is 404; files over 20 MB cannot be downloaded by bots (413).
 */
@Path("/api/telegram/{channelId}/files/{fileId}")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class TelegramFileResource {

    private final ChannelDirectory directory;
    private final AttachmentAccess access;
    private final ChannelRuntimeConfig config;
    private final SecurityIdentity identity;

    TelegramFileResource(ChannelDirectory directory, AttachmentAccess access, ChannelRuntimeConfig config,
            SecurityIdentity identity) {
        this.directory = directory;
        this.access = access;
        this.config = config;
        this.identity = identity;
    }

    @GET
    public Uni<Response> file(UUID channelId, String fileId) {
        String url = config.publicBaseUrl() + "/api/telegram/" + channelId + "/files/" + fileId;
        return access.readable(channelId, url, identity).chain(attachment -> directory.resolve(channelId)
                .chain(channel -> {
                    if (!(channel.adapter() instanceof TelegramAdapter telegram)) {
                        throw ProblemException.notFound("Telegram channel " + channelId);
                    }
                    return telegram.file(fileId);
                })
                .map(body -> Downloads.of(body.getBytes(), attachment.name(), attachment.mediaType())))
                .onFailure(TelegramAdapter.FileTooLarge.class).transform(e -> new ProblemException(
                        Problem.of(413, "File too large", e.getMessage())))
                .onFailure(ChannelException.class).transform(e -> ((ChannelException) e)
                        .failure() instanceof ChannelFailure.Permanent
                                ? ProblemException.notFound("Telegram file")
                                : new ProblemException(Problem.of(502, "Telegram refused the file",
                                        ((ChannelException) e).failure().reason())));
    }
}
