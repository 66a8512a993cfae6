// Where the login tokens live: localStorage in the browser, memory elsewhere (unit tests).
import type { Tokens } from "./types";

export const TOKENS_STORAGE_KEY = "bf.tokens";

export interface TokenStore {
    get(): Tokens | null;
    set(tokens: Tokens | null): void;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
    let tokens = initial;
    return {
        get: () => tokens,
        set: (t) => {
            tokens = t;
        },
    };
}

export function browserTokenStore(): TokenStore {
    return {
        get() {
            try {
                const raw = window.localStorage.getItem(TOKENS_STORAGE_KEY);
                return raw ? (JSON.parse(raw) as Tokens) : null;
            } catch {
                return null;
            }
        },
        set(tokens) {
            try {
                if (tokens) window.localStorage.setItem(TOKENS_STORAGE_KEY, JSON.stringify(tokens));
                else window.localStorage.removeItem(TOKENS_STORAGE_KEY);
            } catch {
                // storage disabled: the session lasts as long as the page
            }
        },
    };
}
