package io.parley.classification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The language models load at start-up, before readiness, not on the first message's (event-loop) thread. */
@QuarkusTest
class ClassificationReadinessTest {

    @Inject
    Classifier classifier;

    @Test
    void readinessIncludesTheLanguageModelsAndTheyAreLoadedBeforeTheFirstMessage() {
        // Given a started Parley that has classified nothing yet, When readiness is asked
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(ClassificationReadiness.NAME));
        // Then the detector is already built, so the first classification does not build it
        assertThat(classifier.warmedUp()).isTrue();
    }

    @Test
    void aFreshClassifierIsNotReadyUntilWarmedUp() {
        Classifier fresh = new Classifier(new LanguageGuesser(List.of("en", "ru"), 0.05, true), 0.6, 0.9);
        assertThat(new ClassificationReadiness(fresh).call().getStatus().name()).isEqualTo("DOWN");
        fresh.warmUp();
        assertThat(new ClassificationReadiness(fresh).call().getStatus().name()).isEqualTo("UP");
    }
}
