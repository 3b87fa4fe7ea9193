package io.parley.common.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RequiredEnvironmentTest {

    @Test
    void nothingSetReportsEverySettingWithAnExample() {
        assertThat(RequiredEnvironment.missing(Map.of()))
                .hasSize(4)
                .anyMatch(line -> line.startsWith("PARLEY_DB_HOST is not set") && line.contains("PARLEY_DB_HOST="))
                .anyMatch(line -> line.startsWith("PARLEY_KAFKA_BOOTSTRAP_SERVERS is not set"))
                .anyMatch(line -> line.startsWith("PARLEY_OIDC_URL is not set"));
    }

    @Test
    void completeEnvironmentPasses() {
        assertThat(RequiredEnvironment.missing(Map.of("PARLEY_DB_HOST", "db", "PARLEY_KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "PARLEY_OIDC_URL", "https://sso/realms/parley", "PARLEY_SECRETS_KEY", "a2V5"))).isEmpty();
    }

    @Test
    void blankCountsAsMissingAndTheQuarkusPropertyCountsAsSet() {
        assertThat(RequiredEnvironment.missing(Map.of("PARLEY_DB_HOST", " ",
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "QUARKUS_OIDC_AUTH_SERVER_URL", "https://sso/realms/parley",
                "PARLEY_SECRETS_KEY", "a2V5")))
                .singleElement().asString().startsWith("PARLEY_DB_HOST");
    }
}
