package io.parley.classification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Words and phrases (as stems) under a key; counts how often each key's terms occur in a stemmed text. */
final class TermIndex {

    private record Term(String key, List<String> stems) {
    }

    private final Map<String, List<Term>> byFirstStem = new HashMap<>();

    /** Adds a word or phrase; returns false when it has no word in it. */
    boolean add(String key, String phrase) {
        List<String> stems = TextAnalysis.stems(phrase);
        if (stems.isEmpty()) {
            return false;
        }
        byFirstStem.computeIfAbsent(stems.getFirst(), s -> new ArrayList<>()).add(new Term(key, stems));
        return true;
    }

    /** The keys found in {@code stems} with their score (a phrase of n words counts n), in order of first match. */
    Map<String, Integer> find(List<String> stems) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < stems.size(); i++) {
            List<Term> candidates = byFirstStem.get(stems.get(i));
            if (candidates == null) {
                continue;
            }
            for (Term term : candidates) {
                if (matchesAt(stems, i, term.stems())) {
                    found.merge(term.key(), term.stems().size(), Integer::sum);
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> stems, int start, List<String> phrase) {
        if (start + phrase.size() > stems.size()) {
            return false;
        }
        for (int j = 1; j < phrase.size(); j++) {
            if (!stems.get(start + j).equals(phrase.get(j))) {
                return false;
            }
        }
        return true;
    }
}
