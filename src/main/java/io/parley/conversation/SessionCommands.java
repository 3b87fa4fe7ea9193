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
    private final ConversationConfig config;
    private final WrapUpLabels labels;

    SessionCommands(SessionAccess access, ReplyService replies, SessionService sessions, ChannelDirectory directory,
            ConversationConfig config, WrapUpLabels labels) {
        this.access = access;
        this.config = config;
        this.labels = labels;
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

    /**
     * Closes an open session with an optional wrap-up (its category also becomes the session's confirmed category);
     * 409 when it is already closed, 400 naming the field when the resolution is not one of the configured codes.
     */
    public Uni<SessionEntity> close(UUID sessionId, WrapUp wrapUp, SecurityIdentity who) {
        if (wrapUp != null && wrapUp.resolution() != null
                && !config.wrapUpResolutions().contains(wrapUp.resolution())) {
            throw ProblemException.invalidField("resolution",
                    "must be one of " + String.join(", ", config.wrapUpResolutions()));
        }
        Uni<Void> label = wrapUp == null || wrapUp.category() == null ? Uni.createFrom().voidItem()
                : labels.label(sessionId, wrapUp.category(), who);
        return Panache.withTransaction(() -> access.session(sessionId, who).chain(session -> {
            if (session.state != SessionState.OPEN) {
                throw ProblemException.conflict("Session " + sessionId + " is already closed");
            }
            if (wrapUp != null) {
                session.wrapUpCategory = wrapUp.category();
                session.wrapUpResolution = wrapUp.resolution();
            }
            return sessions.close(session, "closed by " + who.getPrincipal().getName(),
                    OffsetDateTime.now(ZoneOffset.UTC));
        })).call(() -> label);
    }
}
