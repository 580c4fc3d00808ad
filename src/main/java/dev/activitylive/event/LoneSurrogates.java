package dev.activitylive.event;

/**
 * Escapes the lone surrogates of a JSON text as <code>&#92;u</code> and four hex digits, as JavaScript's
 * {@code JSON.stringify} does: a Java or JavaScript string may hold half of a surrogate pair (valid JSON,
 * <code>"&#92;ud800"</code>), which no UTF-8 can encode; escaped, the text is the same string and valid UTF-8.
 * Outside string literals JSON has only ASCII, so every lone surrogate of a JSON text is inside a string, where the
 * escape means the same character.
 */
final class LoneSurrogates {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LoneSurrogates() {
    }

    static String escape(String json) {
        int first = firstLone(json);
        if (first < 0) {
            return json;
        }
        StringBuilder escaped = new StringBuilder(json.length() + 16).append(json, 0, first);
        for (int i = first; i < json.length(); i++) {
            char c = json.charAt(i);
            if (pairAt(json, i)) {
                escaped.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                escaped.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xf]).append(HEX[(c >>> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Where the first lone surrogate is; -1 if there is none (the common case, a scan and no copy). */
    private static int firstLone(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isSurrogate(c)) {
                if (pairAt(json, i)) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether a whole surrogate pair (one character beyond the BMP) starts at {@code i}. */
    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
