package io.parley.channel.telegram;

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
 * Files customers sent through Telegram, as linked from their messages: resolved through {@code getFile} and streamed
 * through Parley, so the bot token (part of Telegram's file URLs) never reaches a browser. Files over 20 MB cannot be
 * downloaded by bots (413).
 */
@Path("/api/telegram/{channelId}/files/{fileId}")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR, Roles.OPERATOR })
class TelegramFileResource {

    private final ChannelDirectory directory;

    TelegramFileResource(ChannelDirectory directory) {
        this.directory = directory;
    }

    @GET
    public Uni<Response> file(UUID channelId, String fileId) {
        return directory.resolve(channelId).chain(channel -> {
            if (!(channel.adapter() instanceof TelegramAdapter telegram)) {
                throw ProblemException.notFound("Telegram channel " + channelId);
            }
            return telegram.file(fileId);
        }).map(body -> Response.ok(body.getBytes()).type("application/octet-stream").build())
                .onFailure(TelegramAdapter.FileTooLarge.class).transform(e -> new ProblemException(
                        Problem.of(413, "File too large", e.getMessage())))
                .onFailure(ChannelException.class).transform(e -> new ProblemException(Problem.of(502,
                        "Telegram refused the file", ((ChannelException) e).failure().reason())));
    }
}
