package io.parley.operator;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator's profile as an administrator sets it. Skills, languages, groups and channel kinds are short tokens:
 * lowercase letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most 40
 * characters.
 *
 * @param skills e.g. {@code delivery}, {@code returns}, {@code vip}
 * @param languages e.g. {@code ru}, {@code en}
 * @param groups teams the operator belongs to
 * @param capacity weights per channel kind, 1..100 each, e.g. {@code {"chat": 3, "email": 5}}
 * @param maxConcurrent the most conversations the operator handles at once, 1..100
 */
public record OperatorProfile(
        @NotBlank @Size(max = 200) String displayName,
        @Size(max = 50) List<@NotNull @Pattern(regexp = TOKEN, message = TOKEN_MESSAGE) String> skills,
        @Size(max = 20) List<@NotNull @Pattern(regexp = TOKEN, message = TOKEN_MESSAGE) String> languages,
        @Size(max = 50) List<@NotNull @Pattern(regexp = TOKEN, message = TOKEN_MESSAGE) String> groups,
        @Size(max = 20) Map<@Pattern(regexp = TOKEN, message = TOKEN_MESSAGE) String, @NotNull @Min(1) @Max(100) Integer> capacity,
        @NotNull @Min(1) @Max(100) Integer maxConcurrent) {

    static final String TOKEN = "[a-z0-9][a-z0-9._-]{0,39}";
    static final String TOKEN_MESSAGE = "must be a short lowercase token (a-z, 0-9, '.', '_', '-'; at most 40)";
}
