package io.parley.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ExpressionCheckResourceTest {

    @Test
    void validExpressionListsItsAttributesAndEvaluatesTheSample() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("expression", "operator.skills HAS 'claims' AND operator.languages HAS 'ru'",
                        "attributes", Map.of("operator", Map.of("skills", List.of("claims"), "languages",
                                List.of("ru", "en")))))
                .when().post("/api/admin/routing/expressions/check")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("paths", contains("operator.skills", "operator.languages"))
                .body("result", equalTo(true));
    }

    @Test
    void syntaxErrorIs400NamingThePosition() {
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("expression", "classification.category = 'damage'"))
                .when().post("/api/admin/routing/expressions/check")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("expression"))
                .body("errors[0].message", equalTo("Unexpected '=' at position 24"));
    }

    @Test
    void operatorsMayNotUseIt() {
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("expression", "true"))
                .when().post("/api/admin/routing/expressions/check")
                .then().statusCode(403);
    }
}
