package io.parley.classification;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Turns text into word stems with Lucene: Unicode word tokenization, lower case, then the Snowball stemmer of each
 * word's script (Russian for Cyrillic words, English for Latin ones), so "разбита", "разбитый" and "разбитую" meet in
 * one stem, as do "broken"/"break" forms, also in mixed-language messages. Thread-safe (Lucene reuses one token
 * stream per thread).
 */
final class TextAnalysis {

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, new ScriptStemFilter(new LowerCaseFilter(tokenizer)));
        }
    };

    private TextAnalysis() {
    }

    /** The stems of {@code text}, in order; empty for null or blank text. */
    static List<String> stems(String text) {
        List<String> stems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return stems;
        }
        try (TokenStream stream = ANALYZER.tokenStream("text", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    /** Stems each token with the Snowball stemmer of its script; ё is read as е first. */
    private static final class ScriptStemFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final SnowballStemmer russian = new RussianStemmer();
        private final SnowballStemmer english = new EnglishStemmer();

        ScriptStemFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] buffer = term.buffer();
            boolean cyrillic = false;
            boolean latin = false;
            for (int i = 0; i < term.length(); i++) {
                if (buffer[i] == 'ё') {
                    buffer[i] = 'е';
                }
                Character.UnicodeScript script = Character.UnicodeScript.of(buffer[i]);
                cyrillic |= script == Character.UnicodeScript.CYRILLIC;
                latin |= script == Character.UnicodeScript.LATIN;
            }
            SnowballStemmer stemmer = cyrillic ? russian : latin ? english : null;
            if (stemmer != null) {
                stemmer.setCurrent(buffer, term.length());
                stemmer.stem();
                term.copyBuffer(stemmer.getCurrentBuffer(), 0, stemmer.getCurrentBufferLength());
            }
            return true;
        }
    }
}
