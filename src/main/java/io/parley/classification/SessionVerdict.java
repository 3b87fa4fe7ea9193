package io.parley.classification;

import io.vertx.core.json.JsonObject;

/**
 * A session's classification, as routing sees it under {@code classification}: the category with its confidence and
 * source ({@code rule}, {@code model}, {@code default}, {@code menu} or {@code operator}), spam with reason, language
 * and the urgent hint.
 *
 * @param spamSource who decided about spam: {@code operator} for a supervisor (then later messages keep it), else
 *        {@code rule} or {@code model}
 */
record SessionVerdict(String category, Double confidence, String source, boolean spam, String spamReason,
        String spamSource, String language, boolean urgent) {

    static final SessionVerdict NONE = new SessionVerdict(null, null, null, false, null, null, null, false);

    /**
     * Folds a new message's verdict in: an operator's or menu's category stays; otherwise a category replaces one
     * that is no more confident; spam sticks unless a supervisor decided; the newest detected language wins.
     */
    SessionVerdict with(MessageVerdict m) {
        boolean fixedCategory = "operator".equals(source) || "menu".equals(source);
        boolean replace = !fixedCategory && m.category() != null && (category == null || "default".equals(source)
                || !"default".equals(m.source()) && m.confidence() >= confidence);
        boolean fixedSpam = "operator".equals(spamSource);
        boolean newlySpam = !fixedSpam && !spam && m.spam();
        return new SessionVerdict(replace ? m.category() : category,
                replace ? Double.valueOf(m.confidence()) : confidence, replace ? m.source() : source,
                fixedSpam ? spam : spam || m.spam(), newlySpam ? m.spamReason() : spamReason,
                newlySpam ? ("model".equals(m.spamReason()) ? "model" : "rule") : spamSource,
                m.language() != null ? m.language() : language, urgent || m.urgent());
    }

    SessionVerdict withCategory(String newCategory, String newSource) {
        return new SessionVerdict(newCategory, 1.0, newSource, spam, spamReason, spamSource, language, urgent);
    }

    SessionVerdict withSpam(boolean isSpam, String reason) {
        return new SessionVerdict(category, confidence, source, isSpam, reason, "operator", language, urgent);
    }

    JsonObject toJson() {
        return new JsonObject().put("category", category).put("confidence", confidence).put("source", source)
                .put("spam", spam).put("spamReason", spamReason).put("language", language).put("urgent", urgent);
    }
}
