"use client";
// One API client for the whole dashboard (tokens in localStorage); a lost session sends the user to
// the login page with a notice.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { createApiClient, type ApiClient } from "./api";
import { browserTokenStore } from "./session";

const ApiContext = createContext<ApiClient | null>(null);

/** One token refresh at a time across this browser's tabs (Web Locks), where the browser has them. */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    return locks ? (locks.request("bf.token-refresh", work) as Promise<T>) : work();
}

export function ApiProvider({ children }: { children: ReactNode }) {
    const router = useRouter();
    const api = useMemo(
        () =>
            createApiClient({
                store: browserTokenStore(),
                onSessionExpired: () => router.replace("/login/?expired=1"),
                exclusive: acrossTabs,
            }),
        [router],
    );
    return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
    const api = useContext(ApiContext);
    if (!api) throw new Error("useApi outside ApiProvider");
    return api;
}
