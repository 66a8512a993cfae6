// ApiError (a failed call with its problem+json) and the human sentence the dashboard shows for it.
import { translate, type Lang, type MessageKey, MESSAGES } from "@/i18n/messages";
import type { Problem } from "./types";

export class ApiError extends Error {
    readonly status: number;
    readonly type: string;
    readonly detail: string;
    readonly fieldErrors: { field: string; message: string }[];
    readonly retryAfterSeconds: number | null;

    constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.name = "ApiError";
        this.status = status;
        this.type = problem.type ? shortType(problem.type) : status === 0 ? "network" : `http-${status}`;
        this.detail = problem.detail ?? "";
        this.fieldErrors = problem.errors ?? [];
        this.retryAfterSeconds = retryAfterSeconds;
    }
}

/** Problem types may be bare codes ("plan-limit") or URIs ending in one (".../problems/plan-limit"). */
export function shortType(type: string): string {
    const trimmed = type.replace(/\/+$/, "");
    return trimmed.slice(trimmed.lastIndexOf("/") + 1) || trimmed;
}

/** Reads a problem+json (or any JSON error) body; never throws. */
export function parseProblem(status: number, bodyText: string): Problem {
    try {
        const parsed = JSON.parse(bodyText);
        if (parsed && typeof parsed === "object") return parsed as Problem;
    } catch {
        // not JSON: an HTML page or an empty body from something in between
    }
    return { status };
}

export interface ShownError {
    /** The sentence in the interface language. */
    message: string;
    /** The server's own sentence, when it adds something to the message. */
    detail?: string;
}

/**
 * What to show for a failure: a translated sentence for known problem types, else the server's
 * `detail`, else a generic sentence. `context` narrows meaning (a 401 on login = wrong password).
 */
export function describeError(error: unknown, lang: Lang, context?: "login"): ShownError {
    if (!(error instanceof ApiError)) return { message: translate(lang, "errGeneric") };
    if (error.status === 0) return { message: translate(lang, "errNetwork") };
    const candidates = [context ? `err_${context}_${error.type}` : "", `err_${error.type}`];
    const key = candidates.find((k) => k && k in MESSAGES[lang]) as MessageKey | undefined;
    const detail = error.detail.trim();
    if (key) {
        const message = translate(lang, key);
        // Keep the server's sentence when it carries more (e.g. what Telegram answered).
        const extra =
            detail && detail !== message && !sameSentence(detail, translate("en", key))
                ? detail
                : undefined;
        return { message, detail: extra };
    }
    if (detail) return { message: detail };
    return { message: translate(lang, "errGeneric") };
}

function sameSentence(a: string, b: string): boolean {
    const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
    return norm(a) === norm(b);
}
