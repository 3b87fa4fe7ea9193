package io.parley.canned;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.RoutingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Canned replies: managed by supervisors, found by shortcut or title word, filled in for the session. */
@QuarkusTest
class CannedRepliesTest {

    @Test
    void supervisorsManageThemAndOperatorsGetThemFilledIn() {
        String word = "c" + UUID.randomUUID().toString().substring(0, 8);
        // Given a supervisor's canned reply with variables, one of them unknown
        String id = supervisor().body(Map.of("shortcut", word + "-hello", "title", "Приветствие " + word,
                "body", "Здравствуйте! Я {operator.name}, ваш уровень {customer.tier}, {unknown.thing}."))
                .when().post("/api/canned-replies").then().statusCode(201).extract().path("id");

        // Then its shortcut is taken, bad definitions name their field, and operators cannot manage replies
        supervisor().body(Map.of("shortcut", word + "-hello", "title", "again", "body", "again"))
                .when().post("/api/canned-replies").then().statusCode(409);
        supervisor().body(Map.of("shortcut", "with space", "title", "t", "body", "b"))
                .when().post("/api/canned-replies").then().statusCode(400).body("errors[0].field", equalTo("shortcut"));
        supervisor().body(Map.of("shortcut", word + "-x", "title", "t", "body", "b", "language", "russian"))
                .when().post("/api/canned-replies").then().statusCode(400).body("errors[0].field", equalTo("language"));
        operator("canned-op").body(Map.of("shortcut", word + "-op", "title", "t", "body", "b"))
                .when().post("/api/canned-replies").then().statusCode(403);

        // When an operator holding a conversation of a gold customer searches by shortcut or title word
        String operator = "canned-" + UUID.randomUUID();
        RoutingFixtures.operator(operator, "canned", 3);
        UUID channel = Api.createInAppChannel("Canned");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "m-1", "Привет");
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("operator", operator)).when().put("/api/sessions/{id}/assignee", session)
                .then().statusCode(200);
        String customer = operator(operator).when().get("/api/sessions/{id}", session).then().extract()
                .path("customerId");
        supervisor().body(Map.of("tier", "gold")).when().put("/api/customers/{id}/attributes", customer)
                .then().statusCode(200);

        // Then the reply comes filled in with the session's values, the unknown variable left visible
        String filled = "Здравствуйте! Я " + operator + ", ваш уровень gold, {unknown.thing}.";
        operator(operator).queryParam("q", word + "-he").when()
                .get("/api/canned-replies/for-session/{s}", session).then().statusCode(200)
                .body("text", contains(filled));
        operator(operator).queryParam("q", "приветствие " + word).when()
                .get("/api/canned-replies/for-session/{s}", session).then().body("id", contains(id));
        operator(operator).queryParam("q", word + "%").when()
                .get("/api/canned-replies/for-session/{s}", session).then().body("$", empty());
        operator("stranger-" + UUID.randomUUID()).when().get("/api/canned-replies/for-session/{s}", session)
                .then().statusCode(403);

        // And a change and a removal take effect
        supervisor().body(Map.of("shortcut", word + "-hello", "title", "t", "body", "Сессия {session.id}"))
                .when().put("/api/canned-replies/{id}", id).then().statusCode(200);
        operator(operator).queryParam("q", word).when().get("/api/canned-replies/for-session/{s}", session)
                .then().body("text", contains("Сессия " + session));
        supervisor().when().delete("/api/canned-replies/{id}", id).then().statusCode(204);
        supervisor().when().delete("/api/canned-replies/{id}", id).then().statusCode(404);
        supervisor().when().post("/api/sessions/{id}/close", session).then().statusCode(200);
    }

    private static RequestSpecification supervisor() {
        return given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON);
    }

    private static RequestSpecification operator(String subject) {
        return given().header("Authorization", RoutingFixtures.token(subject)).contentType(ContentType.JSON);
    }
}
