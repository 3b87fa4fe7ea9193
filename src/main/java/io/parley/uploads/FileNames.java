package io.parley.uploads;

import java.util.Locale;
import java.util.regex.Pattern;

/** What an uploaded file may be called and declared as. */
final class FileNames {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private FileNames() {
    }

    /** The name without control characters and surrounding blanks, or null when none is left, too long or a path. */
    static String clean(String name) {
        if (name == null) {
            return null;
        }
        String clean = CONTROL.matcher(name).replaceAll("").strip();
        return clean.isEmpty() || clean.length() > 200 || clean.contains("/") || clean.contains("\\")
                || clean.equals(".") || clean.equals("..") ? null : clean;
    }

    /** The declared media type without parameters, or {@code application/octet-stream} when it is not one. */
    static String mediaType(String declared) {
        String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return TYPE.matcher(type).matches() ? type : "application/octet-stream";
    }
}
