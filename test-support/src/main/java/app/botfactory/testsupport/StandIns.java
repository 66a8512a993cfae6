// The stand-in Telegram and Gemini servers as one process, for the launcher (BOTFACTORY_STANDINS=1) and
// the end-to-end tests: the platform runs whole on a machine without internet or a Gemini key.
// Usage: StandIns <telegramPort> <geminiPort>. Control Telegram over /__standin/ (see TelegramStandIn).
package app.botfactory.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class StandIns {

    /** The first knowledge passage of ai-gateway's systemInstruction: "[1] title\ncontent" up to the next one. */
    private static final Pattern FIRST_PASSAGE = Pattern.compile("\\[1\\] [^\\n]*\\n(.*?)(?:\\n\\n\\[2\\] |$)",
            Pattern.DOTALL);

    private StandIns() { }

    public static void main(String[] args) throws InterruptedException {
        int telegramPort = Integer.parseInt(args[0]);
        int geminiPort = Integer.parseInt(args[1]);
        TelegramStandIn telegram = TelegramStandIn.start(telegramPort);
        telegram.keepAtMost(100_000);
        GeminiStandIn gemini = GeminiStandIn.start(geminiPort);
        gemini.keepAtMost(1_000);
        gemini.answerWith(request -> GeminiStandIn.Reply.text(groundedAnswer(request.body())));
        System.out.println("stand-in Telegram on " + telegram.baseUrl() + ", stand-in Gemini on " + gemini.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            telegram.close();
            gemini.close();
        }));
        Thread.currentThread().join();
    }

    /**
     * A model that only ever repeats its best knowledge passage: answers stay grounded and predictable, so
     * a test (or an owner trying the product offline) sees the knowledge come back.
     */
    static String groundedAnswer(String requestJson) {
        Matcher m = FIRST_PASSAGE.matcher(unescape(systemInstructionText(requestJson)));
        if (!m.find()) {
            return "I do not know that yet.";
        }
        String passage = m.group(1).strip();
        return passage.length() > 600 ? passage.substring(0, 600) : passage;
    }

    /** The raw (still escaped) text of systemInstruction.parts[0].text, or "" when there is none. */
    private static String systemInstructionText(String json) {
        int at = json.indexOf("\"systemInstruction\"");
        int start = at < 0 ? -1 : json.indexOf("\"text\"", at);
        start = start < 0 ? -1 : json.indexOf('"', json.indexOf(':', start) + 1);
        if (start < 0) {
            return "";
        }
        int i = start + 1;
        while (i < json.length() && json.charAt(i) != '"') {
            i += json.charAt(i) == '\\' ? 2 : 1;
        }
        return json.substring(start + 1, Math.min(i, json.length()));
    }

    /** Just enough JSON string unescaping for the stand-in to read the prompt text back. */
    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
