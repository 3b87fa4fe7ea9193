package io.parley.routing.assignment;

/** The CloudEvents types of routing (see docs/events.md); keyed by session. */
public final class RoutingEvents {

    public static final String QUEUED = "io.parley.routing.queued";
    public static final String ESCALATED = "io.parley.routing.escalated";
    public static final String OFFERED = "io.parley.routing.offered";
    public static final String OFFER_DECLINED = "io.parley.routing.offer-declined";
    public static final String OFFER_EXPIRED = "io.parley.routing.offer-expired";
    public static final String ASSIGNED = "io.parley.routing.assigned";
    public static final String TRANSFERRED = "io.parley.routing.transferred";
    public static final String OFFER_RESCINDED = "io.parley.routing.offer-rescinded";

    /** Data of routing events. */
    public record Data(String sessionId, String queue, String operator, String offerId) {
    }

    private RoutingEvents() {
    }
}
