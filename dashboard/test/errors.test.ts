// problem+json → the sentence a user reads, in each interface language.
import { describe, expect, it } from "vitest";
import { ApiError, describeError, parseProblem, shortType } from "@/lib/errors";

describe("describeError", () => {
    it("shows the server's detail for an unknown problem type", () => {
        const e = new ApiError(409, { type: "something-new", detail: "The thing is busy right now." });
        expect(describeError(e, "en").message).toBe("The thing is busy right now.");
    });

    it("translates known problem types and keeps Telegram's own words as detail", () => {
        const e = new ApiError(400, {
            type: "invalid-telegram-token",
            detail: "Telegram says: Unauthorized",
        });
        expect(describeError(e, "uz")).toEqual({
            message: "Telegram bu tokenni qabul qilmadi.",
            detail: "Telegram says: Unauthorized",
        });
        expect(describeError(e, "ru").message).toBe("Telegram не принял этот токен.");
    });

    it("reads a 401 on the login form as wrong credentials", () => {
        const e = new ApiError(401, { type: "unauthorized", detail: "Email or password is incorrect." });
        expect(describeError(e, "en", "login")).toEqual({
            message: "Email or password is incorrect.",
            detail: undefined,
        });
        expect(describeError(e, "ru", "login").message).toBe("Неверная почта или пароль.");
        expect(describeError(e, "uz", "login").message).toBe("Elektron pochta yoki parol noto'g'ri.");
    });

    it("tells a wrong password from an ended session by the problem type", () => {
        const wrong = new ApiError(401, {
            type: "invalid-credentials",
            detail: "Email or password is incorrect.",
        });
        expect(describeError(wrong, "ru").message).toBe("Неверная почта или пароль.");
        const ended = new ApiError(401, { type: "invalid-refresh-token", detail: "Log in again." });
        expect(describeError(ended, "en").message).toBe("Your session has ended. Please log in again.");
    });

    it("accepts URI problem types", () => {
        expect(shortType("https://botfactory.local/problems/plan-limit")).toBe("plan-limit");
        const e = new ApiError(403, { type: "https://botfactory.local/problems/plan-limit", detail: "x" });
        expect(describeError(e, "en").message).toMatch(/allows no more bots/);
    });

    it("never leaves the user with nothing", () => {
        expect(describeError(new ApiError(500, {}), "uz").message).toBe(
            "Nimadir xato ketdi. Iltimos, qayta urinib ko'ring.",
        );
        expect(describeError(new Error("boom"), "en").message).toBe(
            "Something went wrong. Please try again.",
        );
        expect(describeError(new ApiError(0, {}), "ru").message).toMatch(/сервером/);
    });

    it("parses problem bodies without throwing", () => {
        expect(parseProblem(502, "<html>")).toEqual({ status: 502 });
        expect(parseProblem(400, '{"type":"x","detail":"y"}')).toEqual({ type: "x", detail: "y" });
        expect(parseProblem(500, "")).toEqual({ status: 500 });
    });
});
