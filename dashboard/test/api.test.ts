// The API client: bearer tokens, silent refresh on 401 (once, shared), logout, problem+json → ApiError, retries.
import { describe, expect, it, vi } from "vitest";
import { createApiClient, isNewBotLag, isPlanLimitLag, withRetry } from "@/lib/api";
import { ApiError } from "@/lib/errors";
import { memoryTokenStore } from "@/lib/session";

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    const type = status >= 400 ? "application/problem+json" : "application/json";
    return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "Content-Type": type, ...headers },
    });
}

function fakeServer(handler: Handler) {
    const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
    const fetchFn = vi.fn(async (url: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        calls.push({
            url,
            method: init.method ?? "GET",
            auth: headers.get("Authorization"),
            body: init.body ? JSON.parse(String(init.body)) : undefined,
        });
        return handler(url, init);
    });
    return { fetchFn, calls };
}

const tokens = (n: number) => ({
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    tokenType: "Bearer",
    expiresIn: 900,
});

describe("api client", () => {
    it("sends the access token and reads JSON", async () => {
        const { fetchFn, calls } = fakeServer(() =>
            json(200, { id: "u1", email: "a@b.uz", name: "A", createdAt: "x" }),
        );
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        const me = await api.me();
        expect(me.email).toBe("a@b.uz");
        expect(calls[0]).toMatchObject({ url: "/api/users/me", method: "GET", auth: "Bearer access-1" });
    });

    it("calls only relative /api paths on the same origin", async () => {
        const { fetchFn, calls } = fakeServer(() => json(200, []));
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        await api.bots();
        await api.plans();
        expect(calls.map((c) => c.url)).toEqual(["/api/bots", "/api/plans"]);
        expect(calls[1].auth).toBeNull();
    });

    it("refreshes silently on 401 and repeats the call with the new token", async () => {
        const store = memoryTokenStore(tokens(1));
        const { fetchFn, calls } = fakeServer((url, init) => {
            const auth = new Headers(init.headers).get("Authorization");
            if (url === "/api/users/token/refresh") return json(200, tokens(2));
            if (auth === "Bearer access-1")
                return json(401, { type: "unauthorized", status: 401, detail: "expired" });
            return json(200, [{ id: "b1" }]);
        });
        const api = createApiClient({ store, fetchFn });
        const bots = await api.bots();
        expect(bots).toEqual([{ id: "b1" }]);
        expect(calls.map((c) => c.url)).toEqual(["/api/bots", "/api/users/token/refresh", "/api/bots"]);
        expect(calls[1].body).toEqual({ refreshToken: "refresh-1" });
        expect(calls[1].auth).toBeNull();
        expect(calls[2].auth).toBe("Bearer access-2");
        expect(store.get()?.refreshToken).toBe("refresh-2");
    });

    it("shares one refresh between concurrent 401s (refresh tokens work once)", async () => {
        const store = memoryTokenStore(tokens(1));
        let refreshes = 0;
        const { fetchFn } = fakeServer(async (url, init) => {
            if (url === "/api/users/token/refresh") {
                refreshes++;
                await new Promise((r) => setTimeout(r, 10));
                return json(200, tokens(2));
            }
            const auth = new Headers(init.headers).get("Authorization");
            return auth === "Bearer access-2"
                ? json(200, { ok: url })
                : json(401, { type: "unauthorized" });
        });
        const api = createApiClient({ store, fetchFn });
        const results = await Promise.all([
            api.request("GET", "/api/a"),
            api.request("GET", "/api/b"),
            api.me(),
        ]);
        expect(results).toHaveLength(3);
        expect(refreshes).toBe(1);
    });

    it("uses a pair another tab renewed while this one waited for the refresh lock", async () => {
        const store = memoryTokenStore(tokens(1));
        const { fetchFn, calls } = fakeServer((url, init) => {
            const auth = new Headers(init.headers).get("Authorization");
            return auth === "Bearer access-2" ? json(200, []) : json(401, { type: "unauthorized" });
        });
        // The lock is granted only after "another tab" has already spent refresh-1.
        const exclusive = async <T>(work: () => Promise<T>) => {
            store.set(tokens(2));
            return work();
        };
        const api = createApiClient({ store, fetchFn, exclusive });
        expect(await api.bots()).toEqual([]);
        expect(calls.map((c) => c.url)).toEqual(["/api/bots", "/api/bots"]);
        expect(store.get()?.refreshToken).toBe("refresh-2");
    });

    it("ends the session when the refresh token is refused", async () => {
        const store = memoryTokenStore(tokens(1));
        const expired = vi.fn();
        const { fetchFn } = fakeServer((url) =>
            url === "/api/users/token/refresh"
                ? json(401, {
                      type: "unauthorized",
                      detail: "The refresh token is invalid, expired or revoked. Log in again.",
                  })
                : json(401, { type: "unauthorized", detail: "Token expired" }),
        );
        const api = createApiClient({ store, fetchFn, onSessionExpired: expired });
        await expect(api.bots()).rejects.toMatchObject({ status: 401, type: "unauthorized" });
        expect(store.get()).toBeNull();
        expect(expired).toHaveBeenCalledTimes(1);
        expect(api.isLoggedIn()).toBe(false);
    });

    it("does not try to refresh for a failed login", async () => {
        const store = memoryTokenStore();
        const { fetchFn, calls } = fakeServer(() =>
            json(401, {
                type: "unauthorized",
                title: "Unauthorized",
                status: 401,
                detail: "Email or password is incorrect.",
            }),
        );
        const api = createApiClient({ store, fetchFn });
        const error = await api.login({ email: "a@b.uz", password: "wrong-password" }).catch((e) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error.message).toBe("Email or password is incorrect.");
        expect(calls).toHaveLength(1);
    });

    it("stores the tokens on login and forgets them on logout", async () => {
        const store = memoryTokenStore();
        const { fetchFn, calls } = fakeServer((url) =>
            url === "/api/users/login" ? json(200, tokens(7)) : new Response(null, { status: 204 }),
        );
        const api = createApiClient({ store, fetchFn });
        await api.login({ email: "a@b.uz", password: "long enough" });
        expect(store.get()?.accessToken).toBe("access-7");
        await api.logout();
        expect(calls[1]).toMatchObject({
            url: "/api/users/logout",
            method: "POST",
            auth: "Bearer access-7",
        });
        expect(store.get()).toBeNull();
    });

    it("forgets the tokens on logout even when the server cannot be reached", async () => {
        const store = memoryTokenStore(tokens(1));
        const api = createApiClient({
            store,
            fetchFn: async () => {
                throw new TypeError("Failed to fetch");
            },
        });
        await expect(api.logout()).rejects.toBeInstanceOf(ApiError);
        expect(store.get()).toBeNull();
    });

    it("turns problem+json into an ApiError with type, detail and field errors", async () => {
        const { fetchFn } = fakeServer(() =>
            json(400, {
                type: "validation-failed",
                title: "Validation failed",
                status: 400,
                detail: "name: must not be blank",
                instance: "/api/bots",
                errors: [{ field: "name", message: "must not be blank" }],
            }),
        );
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        const error = await api
            .createBot({
                name: "",
                systemPrompt: "",
                language: "uz",
                welcomeMessage: "",
                fallbackMessage: "",
            })
            .catch((e) => e);
        expect(error).toMatchObject({
            status: 400,
            type: "validation-failed",
            detail: "name: must not be blank",
        });
        expect(error.fieldErrors).toEqual([{ field: "name", message: "must not be blank" }]);
    });

    it("keeps Retry-After from a 429", async () => {
        const { fetchFn } = fakeServer(() =>
            json(429, { type: "too-many-login-attempts", detail: "Wait." }, { "Retry-After": "30" }),
        );
        const api = createApiClient({ store: memoryTokenStore(), fetchFn });
        const error = await api.login({ email: "a@b.uz", password: "x" }).catch((e) => e);
        expect(error).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    });

    it("survives a non-JSON error body", async () => {
        const { fetchFn } = fakeServer(() => new Response("<html>Bad Gateway</html>", { status: 502 }));
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        const error = await api.bots().catch((e) => e);
        expect(error).toMatchObject({ status: 502, type: "http-502", detail: "" });
    });

    it("reports a network failure as status 0", async () => {
        const api = createApiClient({
            store: memoryTokenStore(tokens(1)),
            fetchFn: async () => {
                throw new TypeError("x");
            },
        });
        await expect(api.bots()).rejects.toMatchObject({ status: 0, type: "network" });
    });

    it("maps 404 of /subscriptions/me to no subscription, and telegram-not-connected to no connection", async () => {
        const { fetchFn } = fakeServer((url) =>
            url.endsWith("/subscriptions/me")
                ? json(404, { type: "no-subscription", detail: "none" })
                : json(404, { type: "telegram-not-connected", detail: "not connected" }),
        );
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        expect(await api.subscription()).toBeNull();
        expect(await api.telegram("b1")).toBeNull();
    });

    it("still fails on a bot-not-found 404 from channel-telegram", async () => {
        const { fetchFn } = fakeServer(() =>
            json(404, { type: "bot-not-found", detail: "No bot with id b1." }),
        );
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        const error = await api.telegram("b1").catch((e) => e);
        expect(isNewBotLag(error)).toBe(true);
    });

    it("posts the question to /ask and the token to the telegram channel", async () => {
        const { fetchFn, calls } = fakeServer((url) =>
            url.endsWith("/ask")
                ? json(200, {
                      text: "Choy 5 000 so'm",
                      kind: "ANSWER",
                      sources: [{ docId: "d1", title: "Narxlar" }],
                  })
                : json(200, {
                      status: "CONNECTED",
                      username: "shop_bot",
                      webhookUrl: "http://x/telegram/webhook/b 1",
                  }),
        );
        const api = createApiClient({ store: memoryTokenStore(tokens(1)), fetchFn });
        const answer = await api.ask("b 1", "Choy necha pul?");
        expect(answer.sources[0].title).toBe("Narxlar");
        await api.connectTelegram("b 1", "123:AAx");
        expect(calls[0]).toMatchObject({
            url: "/api/bots/b%201/ask",
            method: "POST",
            body: { text: "Choy necha pul?" },
        });
        expect(calls[1]).toMatchObject({
            url: "/api/bots/b%201/channels/telegram",
            method: "PUT",
            body: { token: "123:AAx" },
        });
    });
});

describe("withRetry", () => {
    const noSleep = { sleep: async () => {} };

    it("retries a plan-limit refusal until the entitlement arrives", async () => {
        let n = 0;
        const call = async () => {
            if (++n < 3) throw new ApiError(403, { type: "plan-limit", detail: "no more bots" });
            return "created";
        };
        expect(await withRetry(call, isPlanLimitLag, noSleep)).toBe("created");
        expect(n).toBe(3);
    });

    it("gives up after the given attempts and rethrows", async () => {
        const call = vi.fn(async () => {
            throw new ApiError(403, { type: "plan-limit" });
        });
        await expect(withRetry(call, isPlanLimitLag, { ...noSleep, attempts: 4 })).rejects.toMatchObject({
            type: "plan-limit",
        });
        expect(call).toHaveBeenCalledTimes(4);
    });

    it("does not retry other failures", async () => {
        const call = vi.fn(async () => {
            throw new ApiError(400, { type: "invalid-telegram-token" });
        });
        await expect(withRetry(call, isNewBotLag, noSleep)).rejects.toMatchObject({ status: 400 });
        expect(call).toHaveBeenCalledTimes(1);
    });
});
