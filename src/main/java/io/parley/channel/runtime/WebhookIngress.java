package io.parley.channel.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.Unusable;
import io.parley.channel.spi.WebhookReceiver;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.PublicEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where providers push updates: {@code POST /webhooks/{type}/{channelId}}. The channel's adapter verifies the delivery
 * with its own secret and translates it; the provider gets the adapter's answer only after the events are durably in
 * Kafka. A refused signature or secret is answered 401, a malformed body 400, a failed Kafka write 503 (the provider
 * retries), all as problem+json. Bodies are never logged. An update the adapter could not read is dropped, logged and
 * counted ({@link InboundPublisher#unusable}); a failure the adapter did not classify is answered 400, never 5xx. A
 * refused secret or signature (the adapter's {@link ChannelFailure.AuthenticationFailed}, or a
 * {@link WebhookReceiver.Result#refused} answer) is logged at WARN with the channel, its type, the adapter's reason and
 * the caller's address (never the secret) and counted in {@value #REFUSED} per channel: a signal for whoever watches
 * for forged deliveries.
 */
@Path("/webhooks/{type}/{channelId}")
@PermitAll
@PublicEndpoint(reason = "called by messaging providers and integrators' systems, which hold no Parley token; every"
        + " delivery is authenticated by the channel adapter's own check (Telegram secret-token header, VK secret,"
        + " HMAC signature of the integrator's webhook channel)")
class WebhookIngress {

    /** Counter of deliveries whose secret or signature was refused, tagged {@code channel} and {@code channel_type}. */
    static final String REFUSED = "parley.webhook.refused";
    private static final Logger LOG = Logger.getLogger(WebhookIngress.class);

    private final ChannelDirectory directory;
    private final InboundPublisher inbound;
    private final MeterRegistry metrics;

    WebhookIngress(ChannelDirectory directory, InboundPublisher inbound, MeterRegistry metrics) {
        this.directory = directory;
        this.inbound = inbound;
        this.metrics = metrics;
    }

    @POST
    public Uni<Response> receive(String type, UUID channelId, HttpHeaders headers, UriInfo uri,
            HttpServerRequest http, byte[] body) {
        WebhookReceiver.Request request = new WebhookReceiver.Request(lowerCase(headers), query(uri),
                body == null ? new byte[0] : body);
        return directory.resolve(channelId).chain(channel -> {
            if (!channel.type().equals(type) || !(channel.adapter() instanceof WebhookReceiver receiver)) {
                throw ProblemException.notFound("Webhook channel " + channelId);
            }
            if (!channel.enabled()) {
                throw new ProblemException(Problem.of(403, "Channel disabled", "This channel is disabled"));
            }
            return Uni.createFrom().deferred(() -> receiver.receive(request))
                    .onFailure(ChannelException.class).transform(e -> {
                        if (((ChannelException) e).failure() instanceof ChannelFailure.AuthenticationFailed a) {
                            countRefused(channel, a.reason(), http);
                        }
                        return refused(channelId, (ChannelException) e);
                    })
                    .onFailure(e -> !(e instanceof ProblemException)).transform(e -> unreadable(channel, e))
                    .invoke(result -> {
                        if (result.refusedReason() != null) {
                            countRefused(channel, result.refusedReason(), http);
                        }
                        inbound.unusable(channel, result.unusable());
                    })
                    .chain(result -> inbound.publish(channel, result.events())
                            .onFailure().transform(e -> {
                                LOG.warnf("Webhook delivery on channel %s could not be written to Kafka: %s",
                                        channelId, e.toString());
                                return new ProblemException(Problem.of(503, "Unavailable", "Try again later"));
                            })
                            .invoke(() -> LOG.debugf("Webhook delivery on channel %s: %d events", channelId,
                                    result.events().size()))
                            .replaceWith(() -> Response.status(result.status()).type(result.contentType())
                                    .entity(result.body()).build()));
        });
    }

    private void countRefused(ResolvedChannel channel, String reason, HttpServerRequest http) {
        LOG.warnf("Webhook delivery on %s channel %s refused from %s: %s", channel.type(), channel.id(),
                http == null || http.remoteAddress() == null ? "?" : http.remoteAddress().hostAddress(), reason);
        metrics.counter(REFUSED, "channel", channel.id().toString(), "channel_type", channel.type()).increment();
    }

    private static ProblemException refused(UUID channelId, ChannelException e) {
        ChannelFailure failure = e.failure();
        if (!(failure instanceof ChannelFailure.AuthenticationFailed)) {
            LOG.infof("Webhook delivery on channel %s refused: %s", channelId, failure.reason());
        }
        Problem problem = switch (failure) {
            case ChannelFailure.AuthenticationFailed a -> Problem.of(401, "Unauthorized", a.reason());
            case ChannelFailure.Permanent p -> Problem.of(400, "Bad request", p.reason());
            case ChannelFailure.RateLimited r -> Problem.of(429, "Too many requests", r.reason());
            case ChannelFailure.Retryable r -> Problem.of(503, "Unavailable", r.reason());
            case ChannelFailure.Conflict c -> Problem.of(503, "Unavailable", c.reason());
        };
        return new ProblemException(problem);
    }

    /** An adapter failed on a delivery in a way it did not classify: the delivery is unreadable, never a 5xx. */
    private ProblemException unreadable(ResolvedChannel channel, Throwable failure) {
        inbound.unusable(channel, List.of(Unusable.reason(failure)));
        return new ProblemException(Problem.of(400, "Bad request", "The delivery could not be read"));
    }

    private static Map<String, String> lowerCase(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return out;
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> out = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.put(name, values.get(0));
            }
        });
        return out;
    }
}
