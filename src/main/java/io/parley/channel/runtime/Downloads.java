package io.parley.channel.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.Response;

/**
 * How customers' files are served to operators, whatever channel they came from: a file is a download
 * ({@code Content-Disposition: attachment}) with its name kept (RFC 6266, with an RFC 5987 {@code filename*} for
 * names outside ASCII); only PNG, JPEG, GIF and WebP images are shown inline (never SVG, which can carry scripts). The
 * type is the one stored with the attachment when it is a well-formed media type, else
 * {@code application/octet-stream}; {@code nosniff} keeps browsers from guessing another, and a Content-Security-Policy
 * with {@code sandbox} gives anything a browser opens anyway a unique origin with no scripts.
 */
public final class Downloads {

    /** The Content-Security-Policy of every served file. */
    public static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    /** The types shown inline: raster images browsers render without running anything. */
    public static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final String TOKEN = "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";

    private Downloads() {
    }

    /** The response serving {@code body} as the file {@code name} of type {@code mediaType}. */
    public static Response of(byte[] body, String name, String mediaType) {
        String type = mediaType(mediaType);
        return Response.ok(body).type(type)
                .header("Content-Disposition", disposition(INLINE_TYPES.contains(type), name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** The media type without parameters, lower case, or {@code application/octet-stream} when it is malformed. */
    static String mediaType(String mediaType) {
        if (mediaType == null) {
            return "application/octet-stream";
        }
        String type = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.matches(TOKEN + "/" + TOKEN) ? type : "application/octet-stream";
    }

    /** {@code attachment} (or {@code inline}) with an ASCII {@code filename} and a UTF-8 {@code filename*}. */
    static String disposition(boolean inline, String name) {
        String file = name == null || name.isBlank() ? "file" : name.strip();
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        file.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/'
                ? (char) c
                : '_'));
        for (byte b : file.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
