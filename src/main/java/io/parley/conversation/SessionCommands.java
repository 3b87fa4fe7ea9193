package io.parley.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.ChannelDirectory;
import io.parley.channel.spi.TypingSender;
import io.parley.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * What an operator (or supervisor) does in a session, whichever way they ask (REST or the push API): reply, show
 * typing, close. Access is checked for {@code who} like every session read ({@link SessionAccess}).
 */
@ApplicationScoped
public class SessionCommands {

    private final SessionAccess access;
    private final ReplyService replies;
    private final SessionService sessions;
    private final ChannelDirectory directory;

    SessionCommands(SessionAccess access, ReplyService replies, SessionService sessions, ChannelDirectory directory) {
        this.access = access;
        this.replies = replies;
        this.sessions = sessions;
        this.directory = directory;
    }

    /** The reply's message (an earlier one when {@code request.clientKey()} was used before: nothing is sent twice). */
    Uni<ReplyService.Reply> reply(UUID sessionId, ReplyRequest request, SecurityIdentity who) {
        return replies.reply(sessionId, request, who);
    }

    /** Replies and returns the message id. */
    public Uni<UUID> replyWithId(UUID sessionId, ReplyRequest request, SecurityIdentity who) {
        return reply(sessionId, request, who).map(reply -> reply.message().id);
    }

    /** Shows the customer that someone is typing, on channels that can. */
    public Uni<Void> typing(UUID sessionId, SecurityIdentity who) {
        return Panache.withSession(() -> access.session(sessionId, who))
                .chain(session -> directory.resolve(session.lastChannelId).chain(channel -> channel
                        .adapter() instanceof TypingSender typing ? typing.typing(session.lastChatId)
                                : Uni.createFrom().voidItem()));
    }

    /** Closes an open session; 409 when it is already closed. */
    public Uni<SessionEntity> close(UUID sessionId, SecurityIdentity who) {
        return Panache.withTransaction(() -> access.session(sessionId, who).chain(session -> {
            if (session.state != SessionState.OPEN) {
                throw ProblemException.conflict("Session " + sessionId + " is already closed");
            }
            return sessions.close(session, "closed by " + who.getPrincipal().getName(),
                    OffsetDateTime.now(ZoneOffset.UTC));
        }));
    }
}
