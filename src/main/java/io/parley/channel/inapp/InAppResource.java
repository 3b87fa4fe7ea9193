package io.parley.channel.inapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.channel.runtime.InboundPublisher;
import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.conversation.ChatHistory;
import io.parley.security.AbuseConfig;
import io.parley.security.PublicEndpoint;
import io.parley.security.RateLimiter;
import io.parley.uploads.Uploads;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The in-app chat API used by a company's app or site (and by Parley's widget). Visitors start a chat, send messages
 * with a client message id (retries are idempotent), confirm delivery, and fetch what they missed.
 */
@Path("/api/inapp/{channelId}")
@PermitAll
@PublicEndpoint(reason = "called from customers' browsers and apps; visitors authenticate with tokens signed by the"
        + " channel's identity secret, verified users with an HMAC of their id from the company's backend")
class InAppResource {

    static final String TOKEN_HEADER = "X-Visitor-Token";
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

    /**
     * Starts or resumes a chat. A verified user sends {@code userId} with {@code userHash} = hex HMAC-SHA256 of the id
     * under the channel's identity secret (computed by the company's backend); anyone else gets a pseudonymous
     * visitor. {@code visitorToken} resumes an earlier chat.
     */
    record StartRequest(@Size(max = 200) String userId, @Size(max = 128) String userHash,
            @Size(max = 200) String name, @Email @Size(max = 320) String email, @Size(max = 1000) String visitorToken) {
    }

    record StartResponse(String visitorToken, String visitorId, boolean verified, String title) {
    }

    record SendRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String clientMessageId,
            @Size(max = 10_000) String text, @Size(max = 10) List<@Valid AttachmentLink> attachments) {
    }

    record AttachmentLink(@NotBlank @Pattern(regexp = "https?://.+") String url, @NotBlank @Size(max = 255) String name,
            @NotBlank @Size(max = 100) String mediaType, @Min(-1) long size) {
    }

    record Accepted(String clientMessageId, String status) {
    }

    record ReceiptRequest(@NotEmpty @Size(max = 100) List<@NotBlank String> messageIds, @NotNull DeliveryStatus status) {
    }

    private final InAppChannels channels;
    private final InboundPublisher inbound;
    private final ChatHistory history;
    private final RateLimiter limiter;
    private final AbuseConfig limits;
    private final Uploads uploads;

    InAppResource(InAppChannels channels, InboundPublisher inbound, ChatHistory history, RateLimiter limiter,
            AbuseConfig limits, Uploads uploads) {
        this.channels = channels;
        this.uploads = uploads;
        this.inbound = inbound;
        this.history = history;
        this.limiter = limiter;
        this.limits = limits;
    }

    @POST
    @Path("/visitors")
    public Uni<StartResponse> start(UUID channelId, @Valid @NotNull StartRequest request, HttpServerRequest http) {
        String address = address(http);
        return channels.findEnabled(channelId).map(found -> {
            String secret = found.config().identitySecret();
            Instant now = Instant.now();
            VisitorTokens.Visitor resumed = VisitorTokens.verify(secret, channelId, request.visitorToken(), now);
            VisitorTokens.Visitor visitor;
            if (request.userId() != null) {
                if (!VisitorTokens.userSignatureValid(secret, request.userId(), request.userHash())) {
                    throw new ProblemException(Problem.invalid(List.of(new Problem.FieldError("userHash",
                            "does not match userId under the channel's identity secret"))).withStatus(401));
                }
                visitor = new VisitorTokens.Visitor(channelId, VisitorTokens.USER_PREFIX + request.userId(), true);
            } else if (resumed != null) {
                visitor = resumed;
            } else {
                limitNewVisitor(found, channelId, address);
                visitor = new VisitorTokens.Visitor(channelId, VisitorTokens.VISITOR_PREFIX + UUID.randomUUID(), false);
            }
            String token = VisitorTokens.issue(secret, visitor, now.plus(TOKEN_LIFETIME));
            return new StartResponse(token, visitor.visitorId(), visitor.verified(), found.config().title());
        });
    }

    /**
     * A visitor's file: the body is the file, its Content-Type the file's type, {@code ?name=} its name; counted with the
     * visitor's messages. Send the answer's link in a message's {@code attachments}.
     */
    @POST
    @Path("/uploads")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<Uploads.Upload> upload(UUID channelId, @HeaderParam(TOKEN_HEADER) String token,
            @QueryParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] file,
            HttpServerRequest http) {
        String address = address(http);
        return channels.findEnabled(channelId).chain(found -> {
            VisitorTokens.Visitor visitor = visitor(found, channelId, token);
            limiter.take("messages:" + channelId + ":" + address, or(found.config().messagesPerMinute(),
                    limits.messagesPerAddress()), "Messages from one address");
            return uploads.store(file, name, type, "visitor:" + channelId + ":" + visitor.visitorId());
        });
    }

    @POST
    @Path("/messages")
    @ResponseStatus(202)
    public Uni<Accepted> send(UUID channelId, @HeaderParam(TOKEN_HEADER) String token,
            @Valid @NotNull SendRequest request, HttpServerRequest http) {
        String address = address(http);
        List<Attachment> attachments = request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new Attachment(a.url(), a.name(), a.mediaType(), a.size()))
                        .toList();
        if ((request.text() == null || request.text().isBlank()) && attachments.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalidField("text", "a message needs text or attachments"));
        }
        return channels.findEnabled(channelId).chain(found -> {
            VisitorTokens.Visitor visitor = visitor(found, channelId, token);
            limiter.take("messages:" + channelId + ":" + address, or(found.config().messagesPerMinute(),
                    limits.messagesPerAddress()), "Messages from one address");
            InboundEvent event = found.adapter().received(visitor, request.clientMessageId(), request.text(),
                    attachments);
            return inbound.publish(found.channel(), List.of(event));
        }).replaceWith(new Accepted(request.clientMessageId(), "accepted"));
    }

    @POST
    @Path("/receipts")
    @ResponseStatus(202)
    public Uni<Void> receipts(UUID channelId, @HeaderParam(TOKEN_HEADER) String token,
            @Valid @NotNull ReceiptRequest request) {
        if (request.status() != DeliveryStatus.DELIVERED && request.status() != DeliveryStatus.READ) {
            return Uni.createFrom().failure(ProblemException.invalidField("status", "must be DELIVERED or READ"));
        }
        return channels.find(channelId).chain(found -> {
            VisitorTokens.Visitor visitor = visitor(found, channelId, token);
            return inbound.publish(found.channel(),
                    found.adapter().receipts(visitor, request.messageIds(), request.status()));
        });
    }

    @GET
    @Path("/messages")
    public Uni<ChatHistory.ChatPage> history(UUID channelId, @HeaderParam(TOKEN_HEADER) String token,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return channels.find(channelId).chain(found -> history.after(channelId,
                visitor(found, channelId, token).visitorId(), cursor, limit));
    }

    /** A new pseudonymous visitor counts against its address's and the channel's limits (a verified user does not). */
    private void limitNewVisitor(InAppChannels.InAppChannel found, UUID channelId, String address) {
        limiter.take("visitors:" + channelId + ":" + address, or(found.config().visitorsPerMinute(),
                limits.visitorsPerAddress()), "New chats from one address");
        limiter.take("visitors:" + channelId, or(found.config().channelVisitorsPerMinute(),
                limits.visitorsPerChannel()), "New chats on this channel");
    }

    private static int or(int configured, int fallback) {
        return configured > 0 ? configured : fallback;
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private static VisitorTokens.Visitor visitor(InAppChannels.InAppChannel found, UUID channelId, String token) {
        VisitorTokens.Visitor visitor = VisitorTokens.verify(found.config().identitySecret(), channelId, token,
                Instant.now());
        if (visitor == null) {
            throw new ProblemException(Problem.of(401, "Unauthorized",
                    "A valid visitor token is required in the " + TOKEN_HEADER + " header"));
        }
        return visitor;
    }
}
