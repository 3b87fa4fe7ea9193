package io.parley.classification;

/**
 * The classification of one message.
 *
 * @param category the topic, or null
 * @param confidence 0..1 for the category
 * @param source {@code rule}, {@code model} or {@code default}; null without a category
 * @param spamReason why the message is spam; null when it is not
 * @param language ISO 639-1 code, or null when unknown
 * @param urgent whether an urgent word occurred (a priority hint)
 */
record MessageVerdict(String category, double confidence, String source, String spamReason, String language,
        boolean urgent) {

    boolean spam() {
        return spamReason != null;
    }
}
