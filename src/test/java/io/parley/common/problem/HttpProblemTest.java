package io.parley.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HttpProblemTest {

    @Test
    void unknownPathIs404ProblemJson() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .when().get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"));
    }

    @Test
    void wrongMethodIs405ProblemJson() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .when().delete("/api/me")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void oversizedBodyIs413ProblemJson() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .contentType("application/json")
                .body("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}")
                .when().post("/api/me")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void problemsNeverLeakClassNames() {
        given().when().get("/api/me")
                .then().body(not(containsString("Exception"))).body(not(containsString("io.quarkus")));
    }
}
