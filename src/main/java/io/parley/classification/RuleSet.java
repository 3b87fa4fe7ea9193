package io.parley.classification;

import java.util.List;
import java.util.Map;

/**
 * The classification rules, saved as versions through the admin API (the first from
 * {@code parley.classification.rules-file}). Keywords are words or phrases matched by stem, so one form covers its
 * inflections ("повреждение" also matches "повреждением", "damaged" also "damage"); patterns are Java regular
 * expressions over the lower-cased text.
 *
 * @param categories topic rules, in order of precedence for ties
 * @param spam trigger words, patterns, blocked senders and the polite reply to spam
 * @param urgent words that mark a message urgent (a priority hint for routing)
 * @param defaultCategory the category when neither rules nor the model decide; may be null
 */
public record RuleSet(List<CategoryRule> categories, SpamRules spam, List<String> urgent, String defaultCategory) {

    public RuleSet {
        categories = categories == null ? List.of() : List.copyOf(categories);
        spam = spam == null ? new SpamRules(null, null, null, null) : spam;
        urgent = urgent == null ? List.of() : List.copyOf(urgent);
    }

    /**
     * Rules of one category.
     *
     * @param id the category, as routing sees it ({@code classification.category == 'damage'})
     * @param keywords words or phrases in any form
     * @param patterns regular expressions
     */
    public record CategoryRule(String id, List<String> keywords, List<String> patterns) {

        public CategoryRule {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }
    }

    /**
     * Spam rules.
     *
     * @param triggers words or phrases in any form that make a message spam
     * @param patterns regular expressions that make a message spam
     * @param blockedSenders sender identifiers (external user id, username, phone or email) whose messages are spam
     * @param autoReplies the reply to a spam session by channel type or channel id ({@code default} for the rest);
     *        none when absent
     */
    public record SpamRules(List<String> triggers, List<String> patterns, List<String> blockedSenders,
            Map<String, String> autoReplies) {

        public SpamRules {
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
            blockedSenders = blockedSenders == null ? List.of() : List.copyOf(blockedSenders);
            autoReplies = autoReplies == null ? Map.of() : Map.copyOf(autoReplies);
        }
    }
}
