// Form checks run before anything is sent; each returns field → message key (empty when valid).
import type { MessageKey } from "@/i18n/messages";

export type FieldErrors<F extends string> = Partial<
    Record<F, { key: MessageKey; vars?: Record<string, number> }>
>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Telegram bot tokens look like "123456789:AA...": a numeric bot id, a colon, a secret. */
const TELEGRAM_TOKEN = /^\d{3,15}:[A-Za-z0-9_-]{20,}$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const MAX_KNOWLEDGE_CHARS = 1_000_000;
export const MAX_UPLOAD_BYTES = 1024 * 1024;

function required(value: string): boolean {
    return value.trim().length > 0;
}

export function validateLogin(v: { email: string; password: string }): FieldErrors<"email" | "password"> {
    const errors: FieldErrors<"email" | "password"> = {};
    if (!required(v.email)) errors.email = { key: "vRequired" };
    else if (!EMAIL.test(v.email.trim())) errors.email = { key: "vEmail" };
    if (!v.password) errors.password = { key: "vRequired" };
    return errors;
}

export function validateSignup(v: {
    email: string;
    password: string;
    name: string;
}): FieldErrors<"email" | "password" | "name"> {
    const errors: FieldErrors<"email" | "password" | "name"> = validateLogin(v);
    if (v.password && v.password.length < 8) errors.password = { key: "vPasswordShort" };
    if (!required(v.name)) errors.name = { key: "vRequired" };
    else if (v.name.trim().length > 100) errors.name = { key: "vTooLong", vars: { max: 100 } };
    return errors;
}

export type BotField = "name" | "systemPrompt" | "language" | "welcomeMessage" | "fallbackMessage";

export function validateBot(v: Record<BotField, string>): FieldErrors<BotField> {
    const errors: FieldErrors<BotField> = {};
    if (!required(v.name)) errors.name = { key: "vRequired" };
    else if (v.name.trim().length > 80) errors.name = { key: "vTooLong", vars: { max: 80 } };
    if (v.systemPrompt.length > 8000) errors.systemPrompt = { key: "vTooLong", vars: { max: 8000 } };
    if (!LANGUAGE_TAG.test(v.language.trim())) errors.language = { key: "vLanguage" };
    if (v.welcomeMessage.length > 1000) errors.welcomeMessage = { key: "vTooLong", vars: { max: 1000 } };
    if (v.fallbackMessage.length > 1000) errors.fallbackMessage = { key: "vTooLong", vars: { max: 1000 } };
    return errors;
}

export function validateKnowledge(v: { title: string; content: string }): FieldErrors<"title" | "content"> {
    const errors: FieldErrors<"title" | "content"> = {};
    if (!required(v.title)) errors.title = { key: "vRequired" };
    else if (v.title.trim().length > 200) errors.title = { key: "vTooLong", vars: { max: 200 } };
    if (!required(v.content)) errors.content = { key: "vRequired" };
    else if (v.content.length > MAX_KNOWLEDGE_CHARS)
        errors.content = { key: "vTooLong", vars: { max: MAX_KNOWLEDGE_CHARS } };
    return errors;
}

export function validateTelegramToken(token: string): FieldErrors<"token"> {
    if (!required(token)) return { token: { key: "vRequired" } };
    return TELEGRAM_TOKEN.test(token.trim()) ? {} : { token: { key: "vTelegramToken" } };
}

export function validateUpload(file: { name: string; size: number }): MessageKey | null {
    if (!/\.(txt|md|markdown)$/i.test(file.name)) return "vFileType";
    if (file.size > MAX_UPLOAD_BYTES) return "vFileSize";
    return null;
}

export function hasErrors(errors: object): boolean {
    return Object.keys(errors).length > 0;
}
