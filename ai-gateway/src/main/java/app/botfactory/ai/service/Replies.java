// Texts the platform itself says on a bot's behalf, in the bot's language (uz, ru, en).
package app.botfactory.ai.service;

import java.util.Locale;

public final class Replies {

    private Replies() { }

    /** When the owner's plan has no messages left (or expired): polite, and no AI call. */
    public static String limit(String language) {
        String l = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        if (l.startsWith("uz")) {
            return l.contains("cyrl") ? "Кечирасиз, ҳозир жавоб бера олмаймиз. Илтимос, кейинроқ ёзинг."
                    : "Kechirasiz, hozir javob bera olmaymiz. Iltimos, keyinroq yozing.";
        }
        if (l.startsWith("ru")) {
            return "Извините, сейчас мы не можем ответить. Пожалуйста, напишите позже.";
        }
        return "Sorry, we can't answer right now. Please write again later.";
    }
}
