package io.parley.classification;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Classification of inbound messages and the menu bot (docs/classification.md). */
@ConfigMapping(prefix = "parley.classification")
public interface ClassificationConfig {

    /**
     * The rules stored as version 1 when none exist yet: {@code builtin} (config/classification-rules.json as shipped
     * with Parley), a file (absolute or relative to the working directory; a missing file stops start-up), or
     * {@code none}.
     */
    @WithDefault("builtin")
    String rulesFile();

    /**
     * Seed examples for the topic model, one {@code category<TAB>text} a line: {@code builtin}
     * (config/classification-seed.tsv as shipped), a file (a missing one stops start-up), or {@code none}.
     */
    @WithDefault("builtin")
    String seedFile();

    /** The languages detection chooses from (ISO 639-1); each one costs memory for its models. */
    @WithDefault("en,ru,uk")
    List<String> languages();

    /**
     * Lingua's low-accuracy mode: trigram models only, far less memory and time, but less reliable on texts shorter
     * than about 120 characters (docs/classification.md has the numbers).
     */
    @WithDefault("false")
    boolean languageLowAccuracy();

    /**
     * How far ahead (0..1) the most likely language must be of the next one; below that the known language of the
     * session or customer is used.
     */
    @WithDefault("0.05")
    double languageMinimumDistance();

    /** The topic model decides only with at least this probability (and more than the rules' confidence). */
    @WithDefault("0.6")
    double modelThreshold();

    /** The topic model marks a message as spam only with at least this probability for the category {@code spam}. */
    @WithDefault("0.9")
    double modelSpamThreshold();

    /** Every n-th label (by id) is held out of training to measure the model's accuracy. */
    @WithDefault("5")
    int heldOutEvery();

    /** How often the model is retrained when new labels arrived. */
    @WithDefault("1h")
    Duration retrainEvery();

    /** How often each instance checks for a newer model or rule version saved by another instance. */
    @WithDefault("30s")
    Duration refreshEvery();

    /** How often menu sessions past their timeout are handed to routing. */
    @WithDefault("5s")
    Duration menuSweepEvery();
}
