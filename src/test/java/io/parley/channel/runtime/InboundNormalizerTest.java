package io.parley.channel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;

class InboundNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void nulAndLoneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(InboundNormalizer.clean("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(InboundNormalizer.clean("\uD83D x \uDE00")).isEqualTo("\uFFFD x \uFFFD");
        assertThat(InboundNormalizer.clean("end \uD83D")).isEqualTo("end \uFFFD");
        String clean = "Холодильник \uD83D\uDE00";
        assertThat(InboundNormalizer.clean(clean)).isSameAs(clean);
    }

    @Test
    void everyStringOfTheTreeIsCleanedFieldNamesIncluded() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(
                "{\"text\":\"a\\u0000\",\"list\":[\"\\ud800\",{\"k\\u0000\":\"v\"}],\"n\":1}");
        assertThat(InboundNormalizer.cleanTree(tree)).isEqualTo(3);
        assertThat(tree.path("text").asText()).isEqualTo("a\uFFFD");
        assertThat(tree.path("list").get(0).asText()).isEqualTo("\uFFFD");
        assertThat(tree.path("list").get(1).path("k\uFFFD").asText()).isEqualTo("v");
        assertThat(tree.path("n").asInt()).isEqualTo(1);
    }

    @Test
    void providerTimesOutsideAnyRealDateBecomeTheAcceptedTime() {
        assertThat(message(Instant.parse("+300000-01-01T00:00:00Z"))).isEqualTo(NOW);
        assertThat(message(Instant.parse("-5000-01-01T00:00:00Z"))).isEqualTo(NOW);
        assertThat(message(Instant.ofEpochSecond(10_000_000_000_000L / 1000 * 1000))).isEqualTo(NOW);
        assertThat(message(NOW.plusSeconds(86_401))).isEqualTo(NOW);
        Instant old = Instant.parse("1999-05-01T12:00:00Z");
        assertThat(message(old)).isEqualTo(old);
        assertThat(message(NOW.plusSeconds(600))).isEqualTo(NOW.plusSeconds(600));
    }

    private static Instant message(Instant at) {
        InboundEvent event = new InboundEvent.MessageReceived("m", "c", new Sender("u", null, null, null, null,
                List.of()), "t", List.of(), at, Map.of());
        return InboundNormalizer.clampTime(event, NOW).occurredAt();
    }
}
