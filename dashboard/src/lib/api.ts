// The dashboard's only way to the platform: relative /api/... calls through the gateway, the bearer
// token attached, one silent refresh on 401 (shared by concurrent calls), problem+json → ApiError.
import { ApiError, parseProblem } from "./errors";
import type { TokenStore } from "./session";
import type {
    AskAnswer,
    Bot,
    BotSettings,
    KnowledgeDoc,
    Plan,
    Subscription,
    TelegramConnection,
    Tokens,
    User,
} from "./types";

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
    store: TokenStore;
    fetchFn?: FetchFn;
    baseUrl?: string;
    /** Called once the session cannot be refreshed (the user must log in again). */
    onSessionExpired?: () => void;
    /**
     * Runs the refresh exclusively across browser tabs (Web Locks): a refresh token works once, and
     * two tabs spending the same one would revoke the whole session.
     */
    exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

interface CallOptions {
    auth?: boolean;
    body?: unknown;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
    const { store, baseUrl = "", onSessionExpired, exclusive = (work) => work() } = options;
    const fetchFn: FetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));
    let refreshing: Promise<boolean> | null = null;

    async function send(method: string, path: string, call: CallOptions): Promise<Response> {
        const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
        if (call.body !== undefined) headers["Content-Type"] = "application/json";
        const tokens = store.get();
        if (call.auth !== false && tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
        try {
            return await fetchFn(baseUrl + path, {
                method,
                headers,
                body: call.body === undefined ? undefined : JSON.stringify(call.body),
            });
        } catch {
            throw new ApiError(0, { detail: "" });
        }
    }

    /**
     * Trades the refresh token for a new pair; concurrent 401s wait for the same refresh, and a pair
     * renewed meanwhile (by another tab) is used as it is.
     */
    function refresh(staleAccessToken: string): Promise<boolean> {
        if (!refreshing) {
            refreshing = exclusive(async () => {
                const tokens = store.get();
                if (!tokens?.refreshToken) return false;
                if (tokens.accessToken !== staleAccessToken) return true;
                const response = await send("POST", "/api/users/token/refresh", {
                    auth: false,
                    body: { refreshToken: tokens.refreshToken },
                }).catch(() => null);
                if (!response) return false;
                if (!response.ok) {
                    if (response.status === 401 || response.status === 400) store.set(null);
                    return false;
                }
                store.set((await response.json()) as Tokens);
                return true;
            }).finally(() => {
                refreshing = null;
            });
        }
        return refreshing;
    }

    async function request<T>(method: string, path: string, call: CallOptions = {}): Promise<T> {
        const tokenBefore = store.get()?.accessToken;
        let response = await send(method, path, call);
        if (response.status === 401 && call.auth !== false && tokenBefore) {
            // Another call may have refreshed already; otherwise refresh now.
            const renewed = store.get()?.accessToken !== tokenBefore || (await refresh(tokenBefore));
            if (renewed) {
                response = await send(method, path, call);
            }
            if (response.status === 401) {
                store.set(null);
                onSessionExpired?.();
            }
        }
        return read<T>(response);
    }

    async function read<T>(response: Response): Promise<T> {
        const text = await response.text();
        if (!response.ok) {
            const retryAfter = Number(response.headers.get("Retry-After"));
            throw new ApiError(
                response.status,
                parseProblem(response.status, text),
                Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
            );
        }
        return (text ? JSON.parse(text) : undefined) as T;
    }

    const bot = (id: string) => `/api/bots/${encodeURIComponent(id)}`;

    return {
        request,
        isLoggedIn: () => store.get() !== null,
        register: (body: { email: string; password: string; name: string }) =>
            request<User>("POST", "/api/users/register", { auth: false, body }),
        async login(body: { email: string; password: string }): Promise<Tokens> {
            const tokens = await request<Tokens>("POST", "/api/users/login", { auth: false, body });
            store.set(tokens);
            return tokens;
        },
        async logout(): Promise<void> {
            try {
                if (store.get()) await request<void>("POST", "/api/users/logout");
            } finally {
                store.set(null);
            }
        },
        me: () => request<User>("GET", "/api/users/me"),
        plans: () => request<Plan[]>("GET", "/api/plans", { auth: false }),
        /** The caller's subscription, or null when they never subscribed (404). */
        async subscription(): Promise<Subscription | null> {
            try {
                return await request<Subscription>("GET", "/api/subscriptions/me");
            } catch (e) {
                if (e instanceof ApiError && e.status === 404) return null;
                throw e;
            }
        },
        startTrial: () => request<Subscription>("POST", "/api/subscriptions/trial"),
        changePlan: (plan: string) =>
            request<Subscription>("PUT", "/api/subscriptions/plan", { body: { plan } }),
        cancelSubscription: () => request<Subscription>("DELETE", "/api/subscriptions"),
        bots: () => request<Bot[]>("GET", "/api/bots"),
        bot: (id: string) => request<Bot>("GET", bot(id)),
        createBot: (settings: BotSettings) => request<Bot>("POST", "/api/bots", { body: settings }),
        updateBot: (id: string, settings: BotSettings) => request<Bot>("PUT", bot(id), { body: settings }),
        deleteBot: (id: string) => request<void>("DELETE", bot(id)),
        knowledge: (id: string) => request<KnowledgeDoc[]>("GET", `${bot(id)}/knowledge`),
        addKnowledge: (id: string, doc: { title: string; content: string }) =>
            request<KnowledgeDoc>("POST", `${bot(id)}/knowledge`, { body: doc }),
        deleteKnowledge: (id: string, docId: string) =>
            request<void>("DELETE", `${bot(id)}/knowledge/${encodeURIComponent(docId)}`),
        /** The Telegram connection, or null when not connected. */
        async telegram(id: string): Promise<TelegramConnection | null> {
            try {
                return await request<TelegramConnection>("GET", `${bot(id)}/channels/telegram`);
            } catch (e) {
                if (e instanceof ApiError && e.type === "telegram-not-connected") return null;
                throw e;
            }
        },
        connectTelegram: (id: string, token: string) =>
            request<TelegramConnection>("PUT", `${bot(id)}/channels/telegram`, { body: { token } }),
        disconnectTelegram: (id: string) => request<void>("DELETE", `${bot(id)}/channels/telegram`),
        ask: (id: string, text: string) => request<AskAnswer>("POST", `${bot(id)}/ask`, { body: { text } }),
    };
}

/**
 * Retries a call while `retryable` says the failure is a short-lived one (the platform's read models
 * catch up over Kafka within seconds: a fresh trial's allowance, a fresh bot in other services).
 */
export async function withRetry<T>(
    call: () => Promise<T>,
    retryable: (error: unknown) => boolean,
    {
        attempts = 8,
        delayMs = 750,
        sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    } = {},
): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await call();
        } catch (e) {
            if (attempt >= attempts || !retryable(e)) throw e;
            await sleep(delayMs);
        }
    }
}

/** Right after a trial starts, bot-service may still see no allowance (entitlements over Kafka). */
export const isPlanLimitLag = (e: unknown) => e instanceof ApiError && e.type === "plan-limit";

/** A brand-new bot is unknown to channel-telegram / ai-gateway for a few seconds (bot.events). */
export const NEW_BOT_LAG = { attempts: 10, delayMs: 1000 };

export const isNewBotLag = (e: unknown) =>
    e instanceof ApiError && e.status === 404 && e.type !== "telegram-not-connected";
