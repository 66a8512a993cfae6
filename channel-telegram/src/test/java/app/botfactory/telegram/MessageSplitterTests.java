// Splitting answers for Telegram's 4,096-character limit: boundaries, order, surrogate pairs.
package app.botfactory.telegram;

import app.botfactory.telegram.service.MessageSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageSplitterTests {

    @Test
    void shortTextStaysWhole() {
        assertEquals(List.of("Salom!"), MessageSplitter.split("Salom!"));
    }

    @Test
    void splitsAtParagraphsFirst() {
        String a = "a".repeat(3000);
        String b = "b".repeat(3000);
        assertEquals(List.of(a, b), MessageSplitter.split(a + "\n\n" + b));
    }

    @Test
    void neverCutsAnEmojiInHalf() {
        String text = "😀".repeat(3000); // 6,000 UTF-16 units, no spaces
        List<String> parts = MessageSplitter.split(text);
        assertEquals(text, String.join("", parts));
        for (String part : parts) {
            assertTrue(part.length() <= 4096);
            assertTrue(!Character.isLowSurrogate(part.charAt(0)), "part starts with half an emoji");
        }
    }
}
