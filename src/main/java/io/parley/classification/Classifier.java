package io.parley.classification;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Classifies one message in memory (no I/O): rules, then the topic model, then language. Holds the active rule
 * version and model; both are swapped atomically when a new version is saved or trained.
 */
@ApplicationScoped
class Classifier {

    /** The category the topic model uses for spam (supervisors' spam marks are labelled with it). */
    static final String SPAM = "spam";

    private final LanguageGuesser languages;
    private final double modelThreshold;
    private final double modelSpamThreshold;
    private volatile CompiledRules rules = CompiledRules.compile(0, new RuleSet(null, null, null, null));
    private volatile TopicModel model;
    private volatile int modelId;
    private volatile boolean warmedUp;

    @Inject
    Classifier(ClassificationConfig config) {
        this(new LanguageGuesser(config.languages(), config.languageMinimumDistance(),
                config.languageLowAccuracy()), config.modelThreshold(),
                config.modelSpamThreshold());
    }

    Classifier(LanguageGuesser languages, double modelThreshold, double modelSpamThreshold) {
        this.languages = languages;
        this.modelThreshold = modelThreshold;
        this.modelSpamThreshold = modelSpamThreshold;
    }

    /**
     * Classifies {@code text} from a sender with these identifiers; {@code knownLanguage} is used when the text is too
     * short or ambiguous to tell.
     */
    MessageVerdict classify(String text, List<String> senderIds, String knownLanguage) {
        String body = text == null ? "" : text;
        List<String> stems = TextAnalysis.stems(body);
        CompiledRules current = rules;
        CompiledRules.Match match = current.match(stems, body.toLowerCase(Locale.ROOT), senderIds);
        String category = match.category();
        double confidence = match.confidence();
        String source = category == null ? null : "rule";
        String spamReason = match.spamReason();
        TopicModel topics = model;
        TopicModel.Prediction predicted = topics == null ? null : topics.predict(stems);
        if (predicted != null && SPAM.equals(predicted.category())) {
            if (spamReason == null && predicted.confidence() >= modelSpamThreshold) {
                spamReason = "model";
            }
        } else if (predicted != null && predicted.confidence() >= modelThreshold && predicted.confidence() > confidence) {
            category = predicted.category();
            confidence = predicted.confidence();
            source = "model";
        }
        if (category == null && current.rules.defaultCategory() != null) {
            category = current.rules.defaultCategory();
            source = "default";
        }
        return new MessageVerdict(category, confidence, source, spamReason, languages.guess(body, knownLanguage),
                match.urgent());
    }

    /**
     * Does once what the first classification would otherwise do on its caller's thread, maybe an event loop: builds
     * the language detector (loading Lingua's models takes seconds) and loads the stemmers. Blocking: call it at
     * start-up, off the event loop; readiness stays DOWN until it is done ({@link ClassificationReadiness}).
     */
    void warmUp() {
        classify("Здравствуйте, the parcel arrived; добрий день", List.of(), null);
        warmedUp = true;
    }

    /** Whether {@link #warmUp} has run. */
    boolean warmedUp() {
        return warmedUp;
    }

    CompiledRules rules() {
        return rules;
    }

    void use(CompiledRules compiled) {
        rules = compiled;
    }

    int modelId() {
        return modelId;
    }

    void use(int id, TopicModel trained) {
        model = trained;
        modelId = id;
    }
}
