package io.parley.classification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.parley.common.problem.ProblemException;

/**
 * A rule set ready to match: keywords and triggers stemmed once, patterns compiled once. Immutable and thread-safe.
 * {@link #compile} refuses a bad rule set naming the field.
 */
final class CompiledRules {

    /** What the rules found in one message. */
    record Match(String category, double confidence, String spamReason, boolean urgent) {
    }

    private record NamedPattern(String key, Pattern pattern) {
    }

    private static final int MAX_ID = 64;

    final int version;
    final RuleSet rules;
    private final TermIndex categories = new TermIndex();
    private final TermIndex triggers = new TermIndex();
    private final TermIndex urgent = new TermIndex();
    private final List<NamedPattern> categoryPatterns = new ArrayList<>();
    private final List<NamedPattern> spamPatterns = new ArrayList<>();
    private final Set<String> blocked = new HashSet<>();

    private CompiledRules(int version, RuleSet rules) {
        this.version = version;
        this.rules = rules;
    }

    static CompiledRules compile(int version, RuleSet rules) {
        CompiledRules compiled = new CompiledRules(version, rules);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.categories().size(); i++) {
            RuleSet.CategoryRule rule = rules.categories().get(i);
            String field = "categories[" + i + "]";
            if (rule.id() == null || rule.id().isBlank() || rule.id().length() > MAX_ID) {
                throw ProblemException.invalidField(field + ".id", "must be 1 to " + MAX_ID + " characters");
            }
            if (!ids.add(rule.id())) {
                throw ProblemException.invalidField(field + ".id", "category '" + rule.id() + "' is defined twice");
            }
            if (rule.keywords().isEmpty() && rule.patterns().isEmpty()) {
                throw ProblemException.invalidField(field, "needs keywords or patterns");
            }
            words(compiled.categories, rule.id(), rule.keywords(), field + ".keywords");
            patterns(compiled.categoryPatterns, rule.id(), rule.patterns(), field + ".patterns");
        }
        RuleSet.SpamRules spam = rules.spam();
        for (int i = 0; i < spam.triggers().size(); i++) {
            String trigger = spam.triggers().get(i);
            if (trigger == null || !compiled.triggers.add("trigger '" + trigger + "'", trigger)) {
                throw ProblemException.invalidField("spam.triggers[" + i + "]", "must contain a word");
            }
        }
        patterns(compiled.spamPatterns, null, spam.patterns(), "spam.patterns");
        spam.blockedSenders().forEach(sender -> compiled.blocked.add(sender.toLowerCase(Locale.ROOT)));
        words(compiled.urgent, "urgent", rules.urgent(), "urgent");
        if (rules.defaultCategory() != null && rules.defaultCategory().isBlank()) {
            throw ProblemException.invalidField("defaultCategory", "must not be blank (leave it out instead)");
        }
        return compiled;
    }

    /** Matches a message: its stems, its lower-cased text and its sender's identifiers. */
    Match match(List<String> stems, String lowerText, List<String> senderIds) {
        String spamReason = spamReason(stems, lowerText, senderIds);
        Map<String, Integer> scores = categories.find(stems);
        for (NamedPattern p : categoryPatterns) {
            if (p.pattern().matcher(lowerText).find()) {
                scores.merge(p.key(), 2, Integer::sum);
            }
        }
        String best = null;
        int bestScore = 0;
        int second = 0;
        for (RuleSet.CategoryRule rule : rules.categories()) {
            int score = scores.getOrDefault(rule.id(), 0);
            if (score > bestScore) {
                second = bestScore;
                best = rule.id();
                bestScore = score;
            } else if (score > second) {
                second = score;
            }
        }
        return new Match(best, best == null ? 0 : confidence(bestScore, second), spamReason,
                !urgent.find(stems).isEmpty());
    }

    /** 0.6 for one word, +0.15 for each further one, at most 0.95; a tie with another category costs 0.2. */
    static double confidence(int score, int runnerUp) {
        double confidence = Math.min(0.95, 0.6 + 0.15 * (score - 1));
        return score == runnerUp ? confidence - 0.2 : confidence;
    }

    private String spamReason(List<String> stems, String lowerText, List<String> senderIds) {
        for (String id : senderIds) {
            if (id != null && blocked.contains(id.toLowerCase(Locale.ROOT))) {
                return "blocked sender";
            }
        }
        Map<String, Integer> hits = triggers.find(stems);
        if (!hits.isEmpty()) {
            return hits.keySet().iterator().next();
        }
        for (NamedPattern p : spamPatterns) {
            if (p.pattern().matcher(lowerText).find()) {
                return "pattern '" + p.pattern().pattern() + "'";
            }
        }
        return null;
    }

    private static void words(TermIndex index, String key, List<String> words, String field) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word == null || !index.add(key, word)) {
                throw ProblemException.invalidField(field + "[" + i + "]", "must contain a word");
            }
        }
    }

    private static void patterns(List<NamedPattern> into, String key, List<String> patterns, String field) {
        for (int i = 0; i < patterns.size(); i++) {
            try {
                into.add(new NamedPattern(key, Pattern.compile(patterns.get(i), Pattern.UNICODE_CASE)));
            } catch (PatternSyntaxException | NullPointerException e) {
                throw ProblemException.invalidField(field + "[" + i + "]", "is not a valid regular expression");
            }
        }
    }
}
