package io.parley.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Seed examples of the topic model: {@code category<TAB>text} lines; {@code #} starts a comment line. */
final class Seeds {

    private Seeds() {
    }

    /** The examples in {@code file}; none when it does not exist. */
    static List<TopicModel.Example> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The examples in a seed file's text. */
    static List<TopicModel.Example> parse(String text) {
        return text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && line.indexOf('\t') > 0)
                .map(line -> new TopicModel.Example(line.substring(0, line.indexOf('\t')).strip(),
                        line.substring(line.indexOf('\t') + 1).strip()))
                .toList();
    }
}
