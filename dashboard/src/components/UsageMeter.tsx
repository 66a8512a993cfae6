"use client";
// Usage meter: messages used of the month's limit and bots of the plan's limit, as labelled progress bars.
import type { Subscription } from "@/lib/types";
import { useI18n } from "@/i18n/I18nProvider";
import { formatDate, formatNumber } from "@/lib/format";

function Meter({
    label,
    text,
    used,
    limit,
    testId,
}: {
    label: string;
    text: string;
    used: number;
    limit: number;
    testId: string;
}) {
    const ratio = limit > 0 ? Math.min(1, used / limit) : 1;
    return (
        <div className="meter" data-testid={testId}>
            <div className="meter-text">{text}</div>
            <div
                className={`meter-bar${ratio >= 0.9 ? " meter-full" : ""}`}
                role="progressbar"
                aria-label={label}
                aria-valuemin={0}
                aria-valuemax={limit}
                aria-valuenow={used}
                aria-valuetext={text}
            >
                <span style={{ width: `${ratio * 100}%` }} />
            </div>
        </div>
    );
}

export function UsageMeter({ subscription }: { subscription: Subscription }) {
    const { t, code, lang } = useI18n();
    const usage = subscription.usage ?? { messages: 0, messageLimit: 0, bots: 0, botLimit: 0 };
    const n = (x: number) => formatNumber(lang, x);
    return (
        <section className="card usage" aria-labelledby="usage-title" data-testid="usage">
            <h2 id="usage-title">{t("usageTitle")}</h2>
            <p className="plan-line">
                <strong data-testid="usage-plan">{code("plan", subscription.plan)}</strong>{" "}
                <span
                    className={`badge badge-${subscription.status.toLowerCase()}`}
                    data-testid="usage-status"
                >
                    {code("sub", subscription.status)}
                </span>{" "}
                {subscription.currentPeriodEnd && (
                    <span className="muted">
                        {t("periodEnds", { date: formatDate(lang, subscription.currentPeriodEnd) })}
                    </span>
                )}
            </p>
            <Meter
                testId="usage-messages"
                label={t("usageMessagesLabel")}
                used={usage.messages}
                limit={usage.messageLimit}
                text={t("usageMessages", { used: n(usage.messages), limit: n(usage.messageLimit) })}
            />
            <Meter
                testId="usage-bots"
                label={t("usageBotsLabel")}
                used={usage.bots}
                limit={usage.botLimit}
                text={t("usageBots", { used: n(usage.bots), limit: n(usage.botLimit) })}
            />
        </section>
    );
}
