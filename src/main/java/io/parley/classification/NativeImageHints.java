package io.parley.classification;

import io.quarkus.runtime.annotations.RegisterForReflection;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;

/**
 * Classes OpenNLP instantiates by name when it reads a stored model (the factory and the feature generator named in
 * the model's manifest), registered for native images. Not verified in a native build yet (docs/classification.md).
 */
@RegisterForReflection(targets = { DoccatFactory.class, BagOfWordsFeatureGenerator.class })
final class NativeImageHints {

    private NativeImageHints() {
    }
}
