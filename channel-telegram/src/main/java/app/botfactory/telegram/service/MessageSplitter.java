// Splits an answer into Telegram-sized messages (at most 4,096 characters each), preferring
// paragraph, line, sentence and word boundaries, never cutting a surrogate pair.
package app.botfactory.telegram.service;

import java.util.ArrayList;
import java.util.List;

public final class MessageSplitter {

    public static final int TELEGRAM_LIMIT = 4096;

    private MessageSplitter() { }

    public static List<String> split(String text) {
        return split(text, TELEGRAM_LIMIT);
    }

    static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = boundary(rest, limit);
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest.isEmpty() ? "…" : rest);
        }
        return parts;
    }

    private static int boundary(String text, int limit) {
        int floor = limit / 2;
        for (String separator : new String[] {"\n\n", "\n", ". ", "! ", "? ", " "}) {
            int at = text.lastIndexOf(separator, limit - separator.length());
            if (at >= floor) {
                return at + separator.length();
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }
}
