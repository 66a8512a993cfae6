// Translations: every language has every message, placeholders are filled, API codes are translated.
import { describe, expect, it } from "vitest";
import { LANGUAGES, MESSAGES, translate, translateCode } from "@/i18n/messages";

describe("i18n", () => {
    it("has the same keys, none empty, in uz, ru and en", () => {
        const keys = Object.keys(MESSAGES.en).sort();
        for (const lang of LANGUAGES) {
            expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
            for (const k of keys) expect(MESSAGES[lang][k as keyof typeof MESSAGES.en].trim()).not.toBe("");
        }
    });

    it("keeps the same {placeholders} in every language", () => {
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        for (const k of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
            for (const lang of LANGUAGES)
                expect(placeholders(MESSAGES[lang][k])).toEqual(placeholders(MESSAGES.en[k]));
        }
    });

    it("fills placeholders", () => {
        expect(translate("en", "usageMessages", { used: 3, limit: 100 })).toBe("Messages: 3 of 100");
        expect(translate("uz", "usageBots", { used: 1, limit: 1 })).toBe("Botlar: 1 / 1");
    });

    it("translates plan and status codes, and shows unknown codes as they are", () => {
        expect(translateCode("uz", "plan", "BUSINESS")).toBe("Biznes");
        expect(translateCode("ru", "sub", "TRIALING")).toBe("Пробный период");
        expect(translateCode("en", "plan", "ENTERPRISE")).toBe("ENTERPRISE");
    });
});
