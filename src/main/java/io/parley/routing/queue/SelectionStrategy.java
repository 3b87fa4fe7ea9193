package io.parley.routing.queue;

/** How a queue picks among eligible operators. */
public enum SelectionStrategy {
    /** The operator who has waited longest since their last conversation (the default; fair). */
    LONGEST_IDLE,
    /** The operator with the most spare capacity. */
    LEAST_LOADED,
    /** Each eligible operator in turn. */
    ROUND_ROBIN
}
