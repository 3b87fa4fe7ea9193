package io.parley.routing.queue;

/** How a queue picks among eligible operators. */
public enum SelectionStrategy {
    /**
     * The operator who has had nothing new for longest: since becoming available, finishing a conversation or getting
     * an offer (the default; spreads work fairly).
     */
    LONGEST_IDLE,
    /** The operator with the most spare capacity. */
    LEAST_LOADED,
    /** Each eligible operator in turn. */
    ROUND_ROBIN
}
