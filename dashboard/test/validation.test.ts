// Form validation: what is refused before anything is sent.
import { describe, expect, it } from "vitest";
import {
    hasErrors,
    validateBot,
    validateKnowledge,
    validateLogin,
    validateSignup,
    validateTelegramToken,
    validateUpload,
} from "@/lib/validation";

const bot = { name: "Choyxona", systemPrompt: "", language: "uz", welcomeMessage: "", fallbackMessage: "" };

describe("validation", () => {
    it("requires a well-formed email and a password to log in", () => {
        expect(validateLogin({ email: "", password: "" })).toEqual({
            email: { key: "vRequired" },
            password: { key: "vRequired" },
        });
        expect(validateLogin({ email: "not-an-email", password: "x" }).email?.key).toBe("vEmail");
        expect(hasErrors(validateLogin({ email: " owner@example.com ", password: "x" }))).toBe(false);
    });

    it("asks for a name and at least 8 password characters to sign up", () => {
        const errors = validateSignup({ email: "a@b.uz", password: "short", name: " " });
        expect(errors.password?.key).toBe("vPasswordShort");
        expect(errors.name?.key).toBe("vRequired");
        expect(hasErrors(validateSignup({ email: "a@b.uz", password: "12345678", name: "Dilnoza" }))).toBe(
            false,
        );
    });

    it("checks a bot's name, language tag and message lengths", () => {
        expect(hasErrors(validateBot(bot))).toBe(false);
        expect(validateBot({ ...bot, name: "" }).name?.key).toBe("vRequired");
        expect(validateBot({ ...bot, name: "x".repeat(81) }).name).toEqual({
            key: "vTooLong",
            vars: { max: 80 },
        });
        expect(validateBot({ ...bot, language: "uzbek language" }).language?.key).toBe("vLanguage");
        expect(hasErrors(validateBot({ ...bot, language: "uz-Cyrl" }))).toBe(false);
        expect(validateBot({ ...bot, welcomeMessage: "x".repeat(1001) }).welcomeMessage?.key).toBe(
            "vTooLong",
        );
    });

    it("needs a title and text for knowledge", () => {
        expect(validateKnowledge({ title: "", content: "  " })).toEqual({
            title: { key: "vRequired" },
            content: { key: "vRequired" },
        });
        expect(hasErrors(validateKnowledge({ title: "Narxlar", content: "Choy 5 000 so'm" }))).toBe(false);
        expect(validateKnowledge({ title: "t", content: "x".repeat(1_000_001) }).content?.key).toBe(
            "vTooLong",
        );
    });

    it("recognises Telegram bot tokens", () => {
        expect(validateTelegramToken("").token?.key).toBe("vRequired");
        expect(validateTelegramToken("hello").token?.key).toBe("vTelegramToken");
        expect(hasErrors(validateTelegramToken(" 123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 "))).toBe(
            false,
        );
    });

    it("accepts only .txt and .md files up to 1 MB", () => {
        expect(validateUpload({ name: "prices.txt", size: 100 })).toBeNull();
        expect(validateUpload({ name: "README.MD", size: 100 })).toBeNull();
        expect(validateUpload({ name: "menu.pdf", size: 100 })).toBe("vFileType");
        expect(validateUpload({ name: "big.md", size: 2 * 1024 * 1024 })).toBe("vFileSize");
    });
});
