package io.parley.classification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Rules are versioned with rollback and validated naming the field; operators' category corrections are labels that a
 * retrained model learns, with accuracy on held-out labels reported.
 */
@QuarkusTest
class ClassificationAdminTest {

    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    static String tryOut(String text) {
        return given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/admin/classification/try").then().statusCode(200).extract().path("category");
    }

    @Test
    void rulesAreVersionedAndRolledBack() {
        int before = given().header("Authorization", ADMIN).when().get("/api/admin/classification/rules")
                .then().statusCode(200).extract().path("version");
        Map<String, Object> rules = Map.of("categories", List.of(Map.of("id", "warranty", "keywords",
                List.of("гарантийный ремонт", "warranty"))), "spam", Map.of("triggers", List.of("бартер")));
        int saved = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(rules)
                .when().put("/api/admin/classification/rules").then().statusCode(200)
                .body("rules.categories[0].id", equalTo("warranty")).extract().path("version");
        assertThat(tryOut("Нужен гарантийного ремонта телефон")).isEqualTo("warranty");

        given().header("Authorization", ADMIN).when().post("/api/admin/classification/rules/versions/{v}/activate",
                before).then().statusCode(200).body("version", equalTo(before));
        assertThat(tryOut("Посылка пришла разбитой")).isEqualTo("damage");
        given().header("Authorization", SUPERVISOR).when().get("/api/admin/classification/rules/versions")
                .then().statusCode(200).body("version", hasItem(saved))
                .body("find { it.active }.version", equalTo(before));
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of(Map.of("id", "x", "keywords", List.of("ok"), "patterns",
                        List.of("([unclosed")))))
                .when().put("/api/admin/classification/rules").then().statusCode(400)
                .body("errors.field", hasItem("categories[0].patterns[0]"));
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON).body(Map.of("categories", List.of()))
                .when().put("/api/admin/classification/rules").then().statusCode(403);
    }

    @Test
    void correctionsAreLabelsThatARetrainedModelLearns() {
        UUID channel = Api.createInAppChannel("Labels");
        // a topic no rule knows: operators label it "warranty" five times (every fifth label is held out)
        for (int i = 0; i < 5; i++) {
            Api.Visitor visitor = Api.anonymousVisitor(channel);
            Api.visitorSays(channel, visitor.token(), "1", "Гарантийный талон потерялся, сервисный центр отказывает");
            String session = Api.sessionOf(channel, visitor);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                    .when().get("/api/sessions/{id}/classification", session).then().body("messages.size()",
                            equalTo(1)));
            given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                    .body(Map.of("category", "warranty"))
                    .when().put("/api/sessions/{id}/classification/category", session)
                    .then().statusCode(200).body("category", equalTo("warranty")).body("source", equalTo("operator"));
        }

        given().header("Authorization", ADMIN).when().post("/api/admin/classification/model/train")
                .then().statusCode(200).body("labels", greaterThanOrEqualTo(5)).body("heldOut", greaterThan(0))
                .body("accuracy", notNullValue()).body("categories", hasItem("warranty"));
        assertThat(tryOut("Сервисный центр отказывает, гарантийный талон потерялся"))
                .isEqualTo("warranty");
        given().header("Authorization", SUPERVISOR).when().get("/api/admin/classification/model")
                .then().statusCode(200).body("categories", hasItem("warranty")).body("createdBy", notNullValue());
    }

    @Test
    void operatorsCorrectOnlyTheirOwnSessions() {
        UUID channel = Api.createInAppChannel("Not yours");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Refund please");
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("category", "refund")).when().put("/api/sessions/{id}/classification/category", session)
                .then().statusCode(403);
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("category", "no spaces allowed")).when()
                .put("/api/sessions/{id}/classification/category", session).then().statusCode(400);
    }
}
