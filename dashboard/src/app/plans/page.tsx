"use client";
// Plan picker: the catalogue, the free trial, changing or cancelling the plan, and the usage meter.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { AppShell } from "@/components/AppShell";
import { ErrorMessage, Loading, SuccessMessage } from "@/components/ErrorMessage";
import { UsageMeter } from "@/components/UsageMeter";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { formatMoney, formatNumber } from "@/lib/format";
import { useLoader, useTitle } from "@/lib/hooks";
import { isLive } from "@/lib/types";

function PlansScreen() {
    const api = useApi();
    const router = useRouter();
    const { t, code, lang } = useI18n();
    useTitle(t("plansTitle"));
    const {
        data,
        error: loadError,
        reload: load,
    } = useLoader(useCallback(() => Promise.all([api.plans(), api.subscription()]), [api]));
    const [actionError, setActionError] = useState<unknown>(null);
    const [done, setDone] = useState<string | null>(null);
    const [busy, setBusy] = useState<string | null>(null);

    async function act(key: string, action: () => Promise<unknown>, message: string, thenBots = false) {
        setBusy(key);
        setActionError(null);
        setDone(null);
        try {
            await action();
            setDone(message);
            await load();
            if (thenBots) router.push("/bots/");
        } catch (e) {
            setActionError(e);
        } finally {
            setBusy(null);
        }
    }

    if (loadError) return <ErrorMessage error={loadError} onRetry={load} />;
    if (!data) return <Loading />;
    const [plans, sub] = data;

    const paid = plans.filter((p) => p.code !== "TRIAL");
    const trial = plans.find((p) => p.code === "TRIAL");
    const live = isLive(sub);

    return (
        <>
            <h1>{t("plansTitle")}</h1>
            <p className="muted">{t("plansIntro")}</p>
            <ErrorMessage error={actionError} />
            <SuccessMessage text={done} />
            {sub ? <UsageMeter subscription={sub} /> : <p className="notice">{t("noSubscriptionYet")}</p>}
            {!sub && trial && (
                <section className="card trial" data-testid="trial-card">
                    <h2>{code("plan", trial.code)}</h2>
                    <p>{t("trialDays", { days: trial.trialDays })}</p>
                    <p>
                        {t("botsAllowed", { n: formatNumber(lang, trial.botLimit) })} ·{" "}
                        {t("messagesAllowed", { n: formatNumber(lang, trial.monthlyMessageLimit) })}
                    </p>
                    <button
                        type="button"
                        className="btn btn-primary"
                        data-testid="start-trial"
                        disabled={busy !== null}
                        onClick={() => act("trial", api.startTrial, t("trialStarted"), true)}
                    >
                        {busy === "trial" ? t("loading") : t("startTrial")}
                    </button>
                </section>
            )}
            <ul className="plan-grid">
                {paid.map((p) => {
                    const mine = live && sub?.plan === p.code;
                    return (
                        <li
                            key={p.code}
                            className={`card plan${mine ? " plan-current" : ""}`}
                            data-testid={`plan-${p.code}`}
                        >
                            <h2>{code("plan", p.code)}</h2>
                            <p className="price">
                                {p.priceMonthlyCents > 0
                                    ? t("perMonth", {
                                          price: formatMoney(lang, p.priceMonthlyCents, p.currency),
                                      })
                                    : t("free")}
                            </p>
                            <ul className="plan-facts">
                                <li>{t("botsAllowed", { n: formatNumber(lang, p.botLimit) })}</li>
                                <li>
                                    {t("messagesAllowed", { n: formatNumber(lang, p.monthlyMessageLimit) })}
                                </li>
                            </ul>
                            {mine ? (
                                <p className="badge badge-active">{t("chosen")}</p>
                            ) : (
                                <button
                                    type="button"
                                    className="btn"
                                    disabled={busy !== null}
                                    aria-label={`${t("choosePlan")}: ${code("plan", p.code)}`}
                                    onClick={() =>
                                        act(p.code, () => api.changePlan(p.code), t("planChanged"))
                                    }
                                >
                                    {busy === p.code ? t("loading") : t("choosePlan")}
                                </button>
                            )}
                        </li>
                    );
                })}
            </ul>
            {live && sub?.status === "ACTIVE" && (
                <button
                    type="button"
                    className="btn btn-danger"
                    disabled={busy !== null}
                    onClick={() => act("cancel", api.cancelSubscription, t("subscriptionCanceled"))}
                >
                    {t("cancelSubscription")}
                </button>
            )}
        </>
    );
}

export default function PlansPage() {
    return (
        <AppShell>
            <PlansScreen />
        </AppShell>
    );
}
