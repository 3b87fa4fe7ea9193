package io.parley.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsoleConfigResourceTest {

    @Test
    void theConsoleLearnsItsSignInSettingsWithoutAToken() {
        // The test profile has no PARLEY_OIDC_URL: the console then offers only pasting a token.
        given().when().get("/api/console/config")
                .then().statusCode(200)
                .body("issuerUrl", nullValue())
                .body("clientId", equalTo("parley-console"))
                .body("scope", equalTo("openid profile"));
    }
}
