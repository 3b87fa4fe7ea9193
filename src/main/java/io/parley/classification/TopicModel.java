package io.parley.classification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * The topic model: an Apache OpenNLP document categorizer (maximum entropy over a bag of word stems) trained from
 * labelled texts. Thread-safe: each thread gets its own categorizer over the shared model.
 */
final class TopicModel {

    /** A labelled text. */
    record Example(String category, String text) {
    }

    /** The best category and its probability. */
    record Prediction(String category, double confidence) {
    }

    private static final int ITERATIONS = 100;
    private static final int CUTOFF = 1;

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizers;

    private TopicModel(DoccatModel model) {
        this.model = model;
        this.categorizers = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
    }

    /** Trains on {@code examples}, which must name at least two categories. */
    static TopicModel train(List<Example> examples) {
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(e.category(), TextAnalysis.stems(e.text()).toArray(String[]::new)))
                .filter(s -> s.getText().length > 0).toList();
        if (samples.stream().map(DocumentSample::getCategory).distinct().count() < 2) {
            throw new IllegalArgumentException("A topic model needs examples of at least two categories");
        }
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        try {
            return new TopicModel(DocumentCategorizerME.train("und", ObjectStreamUtils.createObjectStream(samples),
                    parameters, new DoccatFactory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TopicModel read(byte[] bytes) {
        try {
            return new TopicModel(new DoccatModel(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The most probable category of a stemmed text; null when the text has no words. */
    Prediction predict(List<String> stems) {
        if (stems.isEmpty()) {
            return null;
        }
        DocumentCategorizerME categorizer = categorizers.get();
        double[] outcomes = categorizer.categorize(stems.toArray(String[]::new));
        int best = 0;
        for (int i = 1; i < outcomes.length; i++) {
            if (outcomes[i] > outcomes[best]) {
                best = i;
            }
        }
        return new Prediction(categorizer.getCategory(best), outcomes[best]);
    }
}
