package io.parley.classification;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN until the classifier's language models are loaded, so the first message after a start is not the
 * one that waits for them (nor blocks an event loop while they load).
 */
@Readiness
@ApplicationScoped
class ClassificationReadiness implements HealthCheck {

    static final String NAME = "Classification (language models loaded)";

    private final Classifier classifier;

    ClassificationReadiness(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(classifier.warmedUp()).build();
    }
}
