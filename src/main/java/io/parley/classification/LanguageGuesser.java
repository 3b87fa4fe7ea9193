package io.parley.classification;

import java.util.List;
import java.util.Locale;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Language detection with Lingua, which is built for short texts (it also uses each language's unique letters), over
 * the configured languages only. Text with fewer than {@link #MIN_LETTERS} letters, or where Lingua is not sure, gets
 * the fallback (the session's or customer's known language). Thread-safe.
 */
final class LanguageGuesser {

    static final int MIN_LETTERS = 3;

    private final LanguageDetector detector;

    LanguageGuesser(List<String> isoCodes, double minimumRelativeDistance, boolean lowAccuracy) {
        IsoCode639_1[] codes = isoCodes.stream().map(code -> IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes).withPreloadedLanguageModels()
                .withMinimumRelativeDistance(minimumRelativeDistance);
        detector = (lowAccuracy ? builder.withLowAccuracyMode() : builder).build();
    }

    /** The ISO 639-1 code of {@code text}'s language, or {@code fallback}. */
    String guess(String text, String fallback) {
        if (text == null || letters(text) < MIN_LETTERS) {
            return fallback;
        }
        Language language = detector.detectLanguageOf(text);
        return language == Language.UNKNOWN ? fallback : language.getIsoCode639_1().toString();
    }

    private static int letters(String text) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }
}
