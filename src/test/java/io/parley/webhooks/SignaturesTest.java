package io.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** Signing, type patterns and the retry schedule, as plain functions. */
class SignaturesTest {

    @Test
    void signsTheStandardWebhooksSpecificationExample() {
        // The example of the specification's README (github.com/standard-webhooks/standard-webhooks, spec)
        String header = Signatures.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void twoSecretsGiveTwoSpaceSeparatedSignatures() {
        String a = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String b = WebhookDeliveryTest.secret();

        String header = Signatures.header(List.of(b, a), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");

        assertThat(header.split(" ")).hasSize(2).endsWith("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void refusesSecretsThatAreNotWhsecBase64OfEnoughBytes() {
        assertThatThrownBy(() -> Signatures.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> Signatures.key("whsec_%%%")).hasMessageContaining("base64");
        assertThatThrownBy(() -> Signatures.key("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
    }

    @Test
    void typePatternsMatchWithWildcards() {
        assertThat(TypePatterns.matches("io.parley.session.*", "io.parley.session.closed")).isTrue();
        assertThat(TypePatterns.matches("io.parley.session.*", "io.parley.sessions")).isFalse();
        assertThat(TypePatterns.matches("*.closed", "io.parley.session.closed")).isTrue();
        assertThat(TypePatterns.matches("io.*.offer-*", "io.parley.routing.offer-expired")).isTrue();
        assertThat(TypePatterns.matches("io.*.offer-*", "io.parley.routing.offered")).isFalse();
        assertThat(TypePatterns.matches("*", "anything")).isTrue();
        assertThat(TypePatterns.matches("io.parley.session.closed", "io.parley.session.closed")).isTrue();
        assertThat(TypePatterns.matches("a*a", "a")).isFalse();
        assertThat(TypePatterns.valid("io.parley.*")).isTrue();
        assertThat(TypePatterns.valid("io parley")).isFalse();
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.after(1, random)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
            assertThat(backoff.after(4, random)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
            assertThat(backoff.after(40, random)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }
}
