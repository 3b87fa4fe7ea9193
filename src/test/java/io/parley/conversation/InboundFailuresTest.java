package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class InboundFailuresTest {

    @Test
    void dataAndConstraintErrorsArePermanentAndRacesAndOutagesAreNot() {
        assertThat(InboundFailures.permanentState("22021")).isTrue();
        assertThat(InboundFailures.permanentState("22008")).isTrue();
        assertThat(InboundFailures.permanentState("23514")).isTrue();
        assertThat(InboundFailures.permanentState("42703")).isTrue();
        assertThat(InboundFailures.permanentState("23505")).isFalse();
        assertThat(InboundFailures.permanentState("40001")).isFalse();
        assertThat(InboundFailures.permanentState("40P01")).isFalse();
        assertThat(InboundFailures.permanentState("57P01")).isFalse();
        assertThat(InboundFailures.permanent(new IllegalStateException("Retries exhausted",
                new TimeoutException()))).isFalse();
        assertThat(InboundFailures.permanent(new RuntimeException(new IllegalArgumentException("bad")))).isTrue();
    }

    @Test
    void theReasonNamesTheRootCauseNotItsMessage() {
        assertThat(InboundFailures.reason(new IllegalStateException("Retries exhausted: secret text",
                new TimeoutException("secret")))).isEqualTo("TimeoutException");
    }
}
