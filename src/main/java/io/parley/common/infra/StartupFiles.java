package io.parley.common.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a fresh installation starts from (routing workflow, classification rules, topic-model seeds), chosen by a
 * setting whose value is {@value #BUILTIN} (the copy of {@code config/<name>} packaged into Parley, so it does not
 * depend on the working directory, and containers have it too), {@value #NONE}, or a file path (absolute, or relative
 * to the working directory). A path that does not exist stops start-up with a message naming the setting and where it
 * was looked for: a configured file is never skipped silently.
 */
public final class StartupFiles {

    public static final String BUILTIN = "builtin";
    public static final String NONE = "none";
    /** Where the build packages {@code config/}'s start-up files (pom.xml). */
    static final String PACKAGED = "parley-defaults/";

    /** A start-up file's content and where it came from (for logs and audit). */
    public record StartupFile(String source, String content) {
    }

    private StartupFiles() {
    }

    /**
     * The file {@code property} = {@code value} names, or empty for {@value #NONE}.
     *
     * @param name the file's name under {@code config/} in the source tree, packaged for {@value #BUILTIN}
     * @throws IllegalStateException when a configured file does not exist or cannot be read
     */
    public static Optional<StartupFile> read(String property, String value, String name) {
        String setting = value == null ? BUILTIN : value.strip();
        if (NONE.equals(setting)) {
            return Optional.empty();
        }
        if (BUILTIN.equals(setting)) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PACKAGED + name)) {
                if (in == null) {
                    throw new IllegalStateException(property + "=" + BUILTIN + " but this build of Parley has no "
                            + PACKAGED + name + "; set " + property + " to a file or to " + NONE);
                }
                return Optional.of(new StartupFile("config/" + name + " shipped with Parley",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = Path.of(setting).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(property + "=" + setting + ": no such file (looked for " + file
                    + ", the working directory is " + Path.of("").toAbsolutePath() + "). Set " + property
                    + " to an existing file, to " + BUILTIN + " (the one shipped with Parley) or to " + NONE + ".");
        }
        try {
            return Optional.of(new StartupFile(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException(property + "=" + setting + ": cannot read " + file + ": " + e.getMessage(),
                    e);
        }
    }
}
