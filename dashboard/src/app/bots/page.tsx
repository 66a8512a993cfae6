"use client";
// The owner's bots with the usage meter; creating a new bot (riding out the brief plan-limit lag
// right after a trial starts).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { AppShell } from "@/components/AppShell";
import { BotForm } from "@/components/BotForm";
import { ErrorMessage, Loading } from "@/components/ErrorMessage";
import { UsageMeter } from "@/components/UsageMeter";
import { useApi } from "@/lib/ApiProvider";
import { isPlanLimitLag, withRetry } from "@/lib/api";
import { useI18n } from "@/i18n/I18nProvider";
import { formatDate } from "@/lib/format";
import { useLoader, useTitle } from "@/lib/hooks";
import { isLive } from "@/lib/types";

function BotsScreen() {
    const api = useApi();
    const router = useRouter();
    const { t, code, lang } = useI18n();
    useTitle(t("botsTitle"));
    const {
        data,
        setData,
        error: loadError,
        reload: load,
    } = useLoader(useCallback(() => Promise.all([api.bots(), api.subscription()]), [api]));
    const [creating, setCreating] = useState(false);

    // Usage is metered asynchronously (chat.outbound → billing): keep the meter fresh while visible.
    useEffect(() => {
        const timer = window.setInterval(() => {
            if (document.visibilityState !== "visible") return;
            api.subscription()
                .then((fresh) => setData((now) => (now ? [now[0], fresh] : now)))
                .catch(() => {
                    /* keep the last known usage */
                });
        }, 5000);
        return () => window.clearInterval(timer);
    }, [api, setData]);

    if (loadError) return <ErrorMessage error={loadError} onRetry={load} />;
    if (!data) return <Loading />;
    const [bots, sub] = data;
    const live = isLive(sub);
    return (
        <>
            <div className="page-head">
                <h1>{t("botsTitle")}</h1>
                {!creating && (
                    <button
                        type="button"
                        className="btn btn-primary"
                        data-testid="new-bot"
                        onClick={() => setCreating(true)}
                    >
                        {t("newBot")}
                    </button>
                )}
            </div>
            {sub ? (
                <UsageMeter subscription={sub} />
            ) : (
                <p className="notice">
                    {t("noSubscriptionYet")} <Link href="/plans/">{t("plansTitle")}</Link>
                </p>
            )}
            {creating && (
                <section aria-labelledby="create-title">
                    <h2 id="create-title">{t("createBotTitle")}</h2>
                    <BotForm
                        submitLabel={t("createBot")}
                        onSubmit={async (settings) => {
                            // A fresh trial reaches bot-service over Kafka: retry plan-limit briefly,
                            // but only while billing says there is room (a real limit fails at once).
                            const room = live && (!sub?.usage || sub.usage.bots < sub.usage.botLimit);
                            const created = await withRetry(
                                () => api.createBot(settings),
                                (e) => room && isPlanLimitLag(e),
                                { attempts: 8, delayMs: 750 },
                            );
                            router.push(`/bot/?id=${encodeURIComponent(created.id)}&created=1`);
                        }}
                    />
                    <button type="button" className="btn btn-ghost" onClick={() => setCreating(false)}>
                        {t("cancel")}
                    </button>
                </section>
            )}
            {bots.length === 0 ? (
                <p className="empty">{t("noBots")}</p>
            ) : (
                <ul className="bot-list" data-testid="bot-list">
                    {bots.map((b) => (
                        <li key={b.id} className="card bot-item">
                            <div>
                                <h2>
                                    <Link href={`/bot/?id=${encodeURIComponent(b.id)}`}>{b.name}</Link>
                                </h2>
                                <p className="muted">
                                    {t("createdAt", { date: formatDate(lang, b.createdAt) })} · {b.language}
                                </p>
                            </div>
                            <span className={`badge badge-${b.status.toLowerCase()}`}>
                                {code("bot", b.status)}
                            </span>
                        </li>
                    ))}
                </ul>
            )}
        </>
    );
}

export default function BotsPage() {
    return (
        <AppShell>
            <BotsScreen />
        </AppShell>
    );
}
