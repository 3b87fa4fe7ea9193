package io.parley.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;

import io.parley.security.Roles;
import io.restassured.http.ContentType;

/** What channel tests do with the session a customer's message opened, as a supervisor. */
public final class Sessions {

    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    private Sessions() {
    }

    /** Waits until the customer known on {@code channel} as {@code externalUserId} has a session; returns its id. */
    public static String sessionOf(UUID channel, String externalUserId) {
        String customer = await().atMost(Duration.ofSeconds(30)).until(() -> Api.customerOf(channel, externalUserId),
                id -> id != null);
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}/timeline", customer).then().extract()
                .<String> path("messages[0].sessionId"), id -> id != null);
    }

    /** A supervisor's reply; returns the message id. */
    public static String reply(String session, String text) {
        return given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", text, "clientKey", UUID.randomUUID().toString()))
                .when().post("/api/sessions/{id}/messages", session)
                .then().statusCode(201).extract().path("id");
    }

    public static void awaitStatus(String session, String messageId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("messages.find { it.id == '" + messageId + "' }.deliveryStatus", equalTo(status)));
    }

    /** Closes a session the test opened, so routing never offers it to other tests' operators. */
    public static void close(String session) {
        given().header("Authorization", SUPERVISOR).when().post("/api/sessions/{id}/close", session)
                .then().statusCode(Matchers.oneOf(200, 409));
    }
}
