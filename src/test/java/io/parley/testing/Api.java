package io.parley.testing;

import static io.restassured.RestAssured.given;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.parley.security.Roles;
import io.restassured.http.ContentType;

/** Shortcuts to Parley's HTTP API for tests, with really signed tokens. */
public final class Api {

    public static final String INAPP_SECRET = "test-identity-secret-0123456789";

    private Api() {
    }

    /** Creates an enabled in-app channel and returns its id. */
    public static UUID createInAppChannel(String name) {
        String id = given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("type", "inapp", "name", name, "config", Map.of("title", name),
                        "secrets", Map.of("identitySecret", INAPP_SECRET)))
                .when().post("/api/admin/channels")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A visitor of an in-app channel: its token and its id (the chat's external id). */
    public record Visitor(String token, String id) {
    }

    /** Starts an anonymous visitor chat. */
    public static Visitor anonymousVisitor(UUID channelId) {
        return start(channelId, Map.of());
    }

    /** Starts a verified user's chat, signing the user id as the company's backend would. */
    public static Visitor verifiedVisitor(UUID channelId, String userId) {
        return start(channelId, Map.of("userId", userId, "userHash", userHash(userId)));
    }

    private static Visitor start(UUID channelId, Map<String, String> body) {
        var response = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/inapp/{c}/visitors", channelId)
                .then().statusCode(200).extract();
        return new Visitor(response.path("visitorToken"), response.path("visitorId"));
    }

    public static String userHash(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(INAPP_SECRET.getBytes(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visitor sends a message; returns the HTTP status. */
    public static int visitorSays(UUID channelId, String token, String clientMessageId, String text) {
        return given().contentType(ContentType.JSON).header("X-Visitor-Token", token)
                .body(Map.of("clientMessageId", clientMessageId, "text", text))
                .when().post("/api/inapp/{c}/messages", channelId)
                .then().extract().statusCode();
    }

    /** The customer id behind a channel identity, once the pipeline stored it (null before). */
    public static String customerOf(UUID channelId, String externalUserId) {
        return given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("channelId", channelId).queryParam("externalUserId", externalUserId)
                .when().get("/api/customers")
                .then().statusCode(200).extract().path("[0].id");
    }

    /** Waits until a visitor's first message is stored; returns its session id. */
    public static String sessionOf(UUID channelId, Visitor visitor) {
        return Sessions.sessionOf(channelId, visitor.id());
    }
}
