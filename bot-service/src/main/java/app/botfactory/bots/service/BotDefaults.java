// Sensible defaults for what an owner leaves out, in the bot's own language (uz, ru, en).
package app.botfactory.bots.service;

import app.botfactory.platform.web.ApiException;

import java.util.IllformedLocaleException;
import java.util.Locale;

public final class BotDefaults {

    public static final String LANGUAGE = "en";

    private BotDefaults() { }

    /** Canonical BCP-47 form (`uz-cyrl` becomes `uz-Cyrl`); 400 when Java cannot parse it as one. */
    public static String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return LANGUAGE;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.trim()).build();
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw ApiException.validation("language", "must be a BCP-47 language tag such as en, ru, uz or uz-Cyrl");
        }
    }

    public static String welcome(String language) {
        return switch (primary(language)) {
            case "uz" -> isCyrillic(language) ? "Ассалому алайкум! Сизга қандай ёрдам бера оламан?"
                    : "Assalomu alaykum! Sizga qanday yordam bera olaman?";
            case "ru" -> "Здравствуйте! Чем могу помочь?";
            default -> "Hello! How can I help you today?";
        };
    }

    public static String fallback(String language) {
        return switch (primary(language)) {
            case "uz" -> isCyrillic(language) ? "Кечирасиз, бу саволга жавоб бера олмайман. Илтимос, биз билан "
                    + "бевосита боғланинг." : "Kechirasiz, bu savolga javob bera olmayman. Iltimos, biz bilan "
                    + "bevosita bog'laning.";
            case "ru" -> "Извините, я не могу ответить на этот вопрос. Пожалуйста, свяжитесь с нами напрямую.";
            default -> "Sorry, I can't answer that. Please contact us directly.";
        };
    }

    private static String primary(String language) {
        int dash = language.indexOf('-');
        return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static boolean isCyrillic(String language) {
        return language.toLowerCase(Locale.ROOT).contains("-cyrl");
    }
}
