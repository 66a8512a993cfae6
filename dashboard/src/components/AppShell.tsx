"use client";
// The frame of every signed-in screen: header (brand, menu, language, logout), and a guard that sends
// visitors without a session to the login page.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { LanguageSwitch } from "./LanguageSwitch";
import { Loading } from "./ErrorMessage";

export function AppShell({ children }: { children: ReactNode }) {
    const api = useApi();
    const router = useRouter();
    const pathname = usePathname();
    const { t } = useI18n();
    const [ready, setReady] = useState(false);
    const [leaving, setLeaving] = useState(false);

    useEffect(() => {
        if (!api.isLoggedIn()) router.replace("/login/");
        else setReady(true);
    }, [api, router]);

    async function logout() {
        setLeaving(true);
        try {
            await api.logout();
        } catch {
            /* the local session is gone either way */
        }
        router.replace("/login/");
    }

    const navItem = (href: string, label: string) => {
        const current = pathname === href || (href === "/bots/" && pathname.startsWith("/bot"));
        return (
            <li>
                <Link href={href} aria-current={current ? "page" : undefined}>
                    {label}
                </Link>
            </li>
        );
    };

    return (
        <>
            <a className="skip-link" href="#main">
                {t("skipToContent")}
            </a>
            <header className="topbar">
                <Link href="/bots/" className="brand">
                    {t("appName")}
                </Link>
                <nav aria-label={t("mainNav")}>
                    <ul>
                        {navItem("/bots/", t("navBots"))}
                        {navItem("/plans/", t("navPlans"))}
                    </ul>
                </nav>
                <div className="topbar-tools">
                    <LanguageSwitch />
                    <button
                        type="button"
                        className="btn btn-ghost"
                        onClick={logout}
                        disabled={leaving}
                        data-testid="logout"
                    >
                        {t("logout")}
                    </button>
                </div>
            </header>
            <main id="main" className="container" tabIndex={-1}>
                {ready ? children : <Loading />}
            </main>
        </>
    );
}

/** The frame of the public screens (login, sign-up). */
export function PublicShell({ children }: { children: ReactNode }) {
    const { t } = useI18n();
    return (
        <>
            <a className="skip-link" href="#main">
                {t("skipToContent")}
            </a>
            <header className="topbar">
                <span className="brand">{t("appName")}</span>
                <div className="topbar-tools">
                    <LanguageSwitch />
                </div>
            </header>
            <main id="main" className="container narrow" tabIndex={-1}>
                <p className="tagline">{t("tagline")}</p>
                {children}
            </main>
        </>
    );
}
