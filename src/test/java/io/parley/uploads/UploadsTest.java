package io.parley.uploads;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.parley.testing.RoutingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Files uploaded by operators and visitors: stored, linked with a signature, served safely, sent with messages. */
@QuarkusTest
class UploadsTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
            'D', 'R' };

    @Test
    void anOperatorsFileIsServedAtItsSignedLinkOnly() {
        // When an operator uploads an image with a Cyrillic name
        Map<String, Object> upload = given().header("Authorization", RoutingFixtures.token("up-" + UUID.randomUUID()))
                .contentType("image/png").queryParam("name", "фото 1.png").body(PNG)
                .when().post("/api/uploads").then().statusCode(201)
                .body("name", equalTo("фото 1.png")).body("mediaType", equalTo("image/png"))
                .body("size", equalTo(PNG.length)).extract().as(Map.class);
        String path = URI.create((String) upload.get("url")).getRawPath();
        assertThat(path).startsWith("/files/" + upload.get("id") + "/").endsWith("/%D1%84%D0%BE%D1%82%D0%BE%201.png");

        // Then anyone with the link gets it, shown inline under a sandbox policy
        byte[] served = given().when().get(path).then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", startsWith("inline"))
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertThat(served).isEqualTo(PNG);

        // But an altered signature, or another file's, is as unknown as a wrong id
        String[] parts = path.split("/");
        given().when().get("/files/" + parts[2] + "/" + parts[3].replace(parts[3].charAt(0),
                parts[3].charAt(0) == 'A' ? 'B' : 'A') + "/x.png").then().statusCode(404);
        given().when().get("/files/" + UUID.randomUUID() + "/" + parts[3] + "/x.png").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badUploadsNameTheirFieldAndActiveContentIsADownload() {
        String operator = RoutingFixtures.token("up-" + UUID.randomUUID());
        given().header("Authorization", operator).contentType("image/png").queryParam("name", "a.png")
                .body(new byte[0]).when().post("/api/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        given().header("Authorization", operator).contentType("image/png").body(PNG)
                .when().post("/api/uploads").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().header("Authorization", operator).contentType("image/png").queryParam("name", "../../etc/passwd")
                .body(PNG).when().post("/api/uploads").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType("image/png").queryParam("name", "a.png").body(PNG)
                .when().post("/api/uploads").then().statusCode(401);
        given().header("Authorization", operator).contentType("image/png").queryParam("name", "big.png")
                .body(new byte[10 * 1024 * 1024 + 1]).when().post("/api/uploads").then().statusCode(413);

        String url = given().header("Authorization", operator).contentType("text/html; charset=utf-8")
                .queryParam("name", "page.html").body("<script>alert(1)</script>".getBytes())
                .when().post("/api/uploads").then().statusCode(201).extract().path("url");
        given().when().get(URI.create(url).getRawPath()).then().statusCode(200)
                .header("Content-Disposition", startsWith("attachment"));
    }

    @Test
    void visitorsAndOperatorsSendUploadedFilesWithMessages() {
        // Given a visitor of an in-app channel
        UUID channel = Api.createInAppChannel("Uploads");
        Api.Visitor visitor = Api.anonymousVisitor(channel);

        // When the visitor uploads a photo and sends it
        given().contentType("image/png").queryParam("name", "damage.png").body(PNG)
                .when().post("/api/inapp/{c}/uploads", channel).then().statusCode(401);
        Map<String, Object> photo = given().header("X-Visitor-Token", visitor.token()).contentType("image/png")
                .queryParam("name", "damage.png").body(PNG).when().post("/api/inapp/{c}/uploads", channel)
                .then().statusCode(201).extract().as(Map.class);
        given().header("X-Visitor-Token", visitor.token()).contentType(ContentType.JSON)
                .body(Map.of("clientMessageId", "photo-1", "attachments", List.of(Map.of("url", photo.get("url"),
                        "name", "damage.png", "mediaType", "image/png", "size", PNG.length))))
                .when().post("/api/inapp/{c}/messages", channel).then().statusCode(202);

        // Then the operator's timeline carries it, and the operator's reply can carry a file back
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("messages[0].attachments[0].url", equalTo(photo.get("url")))
                .body("messages[0].attachments[0].mediaType", equalTo("image/png"));
        Map<String, Object> answer = given().header("Authorization", RoutingFixtures.SUPERVISOR)
                .contentType("application/pdf").queryParam("name", "claim form.pdf").body("%PDF-1.4".getBytes())
                .when().post("/api/uploads").then().statusCode(201).extract().as(Map.class);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", "Please fill this in", "clientKey", UUID.randomUUID().toString(),
                        "attachments", List.of(Map.of("url", answer.get("url"), "name", "claim form.pdf",
                                "mediaType", "application/pdf", "size", 8))))
                .when().post("/api/sessions/{id}/messages", session).then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", visitor.token())
                .when().get("/api/inapp/{c}/messages", channel).then().statusCode(200)
                .body("messages.find { it.direction == 'OUT' }.attachments[0].url", equalTo(answer.get("url"))));
        given().header("Authorization", RoutingFixtures.SUPERVISOR).when().post("/api/sessions/{id}/close", session)
                .then().statusCode(200);
    }
}
