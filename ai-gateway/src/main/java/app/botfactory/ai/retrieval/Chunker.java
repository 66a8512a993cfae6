// Cuts a document into overlapping passages (~800 characters, ~150 of overlap) on paragraph and
// sentence boundaries, so a passage is small enough to quote and nothing falls between two.
package app.botfactory.ai.retrieval;

import java.util.ArrayList;
import java.util.List;

public final class Chunker {

    public static final int TARGET = 800;
    public static final int OVERLAP = 150;

    private Chunker() { }

    public static List<String> chunks(String content) {
        List<String> sentences = sentences(content);
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences) {
            if (current.length() > 0 && current.length() + sentence.length() > TARGET) {
                chunks.add(current.toString().trim());
                String tail = tail(current.toString());
                current = new StringBuilder(tail);
            }
            current.append(sentence).append(' ');
        }
        if (current.toString().trim().length() > 0) {
            chunks.add(current.toString().trim());
        }
        return chunks;
    }

    /** Sentences and lines; over-long ones are cut hard so no passage grows without bound. */
    static List<String> sentences(String content) {
        List<String> out = new ArrayList<>();
        for (String line : content.split("\\R+")) {
            for (String sentence : line.split("(?<=[.!?])\\s+")) {
                String s = sentence.trim();
                while (s.length() > TARGET) {
                    out.add(s.substring(0, TARGET));
                    s = s.substring(TARGET);
                }
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String tail(String chunk) {
        if (chunk.length() <= OVERLAP) {
            return chunk;
        }
        String tail = chunk.substring(chunk.length() - OVERLAP);
        int space = tail.indexOf(' ');
        return space < 0 ? tail : tail.substring(space + 1);
    }
}
