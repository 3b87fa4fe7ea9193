package io.parley.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * Sends seeded mutants of a valid body ({@link JsonMutator}) to one endpoint and checks what a hostile sender must
 * never get: a 5xx, or a 4xx that is not problem+json. Every mutant carries its own marker ({@value #MARK} in the
 * template becomes {@code r<i>x}, the number {@value #NUMBER} becomes {@code 424242000 + i}), so the messages table
 * tells which requests were stored. {@code -Dparley.fuzz.count} and {@code -Dparley.fuzz.seed} change the run.
 */
public final class EndpointFuzz {

    public static final String MARK = "MARK";
    public static final String NUMBER = "424242";
    private static final int COUNT = Integer.getInteger("parley.fuzz.count", 200);
    private static final long SEED = Long.getLong("parley.fuzz.seed", 13L);
    private static final ObjectMapper LENIENT = new ObjectMapper();

    /**
     * An endpoint under test.
     *
     * @param headers the request's headers for its body (a signature, a token)
     * @param plainRefusal a 4xx status the provider's protocol answers without problem+json (VK's 403), or 0
     */
    public record Target(String name, String method, String path, String template,
            Function<byte[], Map<String, String>> headers, int plainRefusal) {

        public Target(String name, String method, String path, String template,
                Function<byte[], Map<String, String>> headers) {
            this(name, method, path, template, headers, 0);
        }
    }

    /** What one mutant got. */
    public record Outcome(int index, JsonMutator.Mutant mutant, int status, String contentType, String body) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        public String marker() {
            return "r" + index + "x";
        }

        public String number() {
            return String.valueOf(424_242_000L + index);
        }

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return "#" + index + " (" + mutant.description() + ") -> " + status + " " + contentType + " " + shown;
        }
    }

    private EndpointFuzz() {
    }

    /** Sends the mutants and fails on any 5xx or on a 4xx without a problem+json body. */
    public static List<Outcome> run(Target target) {
        JsonMutator mutator = new JsonMutator(target.template(), SEED + target.name().hashCode());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            JsonMutator.Mutant mutant = mutator.next();
            byte[] body = mutant.description().equals("invalid UTF-8") ? mutant.body()
                    : mutant.text().replace(MARK, "r" + i + "x").replace(NUMBER, String.valueOf(424_242_000L + i))
                            .getBytes(StandardCharsets.UTF_8);
            String type = i % 25 == 24 ? "text/plain" : "application/json";
            Response response = given().headers(target.headers().apply(body)).contentType(type)
                    .body(body).when().request(target.method(), target.path());
            outcomes.add(new Outcome(i, new JsonMutator.Mutant(mutant.description(), body), response.statusCode(),
                    String.valueOf(response.contentType()), response.asString()));
        }
        List<Outcome> broken = outcomes.stream().filter(o -> o.status() >= 500
                || (o.status() >= 400 && o.status() != target.plainRefusal()
                        && !o.contentType().startsWith("application/problem+json")))
                .toList();
        assertThat(broken).as("%s (seed %d): 5xx or 4xx without problem+json", target.name(), SEED).isEmpty();
        return outcomes;
    }

    /**
     * Checks the messages table of a channel: no refused request left a message, and (when {@code acceptedStore})
     * every accepted request whose message id still carries its marker was stored.
     */
    public static void checkStored(DataSource database, UUID channel, List<Outcome> outcomes,
            Function<Outcome, Boolean> expectStored) {
        List<Outcome> expected = outcomes.stream().filter(o -> o.accepted() && expectStored.apply(o)).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> stored = stored(database, channel);
            assertThat(expected).as("accepted but not stored")
                    .filteredOn(o -> stored.stream().noneMatch(s -> s.contains(o.marker()) || s.contains(o.number())))
                    .isEmpty();
        });
        Set<String> stored = stored(database, channel);
        assertThat(outcomes).as("refused but stored").filteredOn(o -> !o.accepted())
                .filteredOn(o -> stored.stream().anyMatch(s -> s.contains(o.marker()) || s.contains(
                        ":" + o.number())))
                .isEmpty();
    }

    /** Whether the mutant's message id (read leniently) still carries its marker, so that it must be stored. */
    public static boolean idKeepsMarker(Outcome outcome, String field) {
        try {
            JsonNode node = LENIENT.readTree(outcome.mutant().body());
            return node != null && node.path(field).isTextual() && node.path(field).asText().contains(outcome.marker());
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> stored(DataSource database, UUID channel) {
        Set<String> out = new HashSet<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT coalesce(external_id, '') || ' ' || coalesce(text, '') FROM messages"
                                + " WHERE channel_id = ? AND direction = 'IN'")) {
            select.setObject(1, channel);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
