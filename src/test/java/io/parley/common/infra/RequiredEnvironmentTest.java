package io.parley.common.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RequiredEnvironmentTest {

    private static final String KEY = "cGFybGV5LWVtYmVkZGVkLWRldi1rZXktMzJieXRlcyE=";

    @Test
    void aSecretsKeyThatIsNot32BytesOfBase64IsRefusedAtStart() {
        Map<String, String> environment = Map.of("PARLEY_DB_HOST", "db", "PARLEY_KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "PARLEY_OIDC_URL", "https://sso/realms/parley");
        for (String bad : new String[] { "change-me-to-a-base64-32-byte-key", "a2V5", "!!!" }) {
            java.util.HashMap<String, String> env = new java.util.HashMap<>(environment);
            env.put("PARLEY_SECRETS_KEY", bad);
            assertThat(RequiredEnvironment.missing(env)).singleElement().asString()
                    .startsWith("PARLEY_SECRETS_KEY is not a base64-encoded 32-byte key");
        }
    }

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
                "PARLEY_OIDC_URL", "https://sso/realms/parley", "PARLEY_SECRETS_KEY", KEY))).isEmpty();
    }

    @Test
    void blankCountsAsMissingAndTheQuarkusPropertyCountsAsSet() {
        assertThat(RequiredEnvironment.missing(Map.of("PARLEY_DB_HOST", " ",
                "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "QUARKUS_OIDC_AUTH_SERVER_URL", "https://sso/realms/parley",
                "PARLEY_SECRETS_KEY", KEY)))
                .singleElement().asString().startsWith("PARLEY_DB_HOST");
    }
}
