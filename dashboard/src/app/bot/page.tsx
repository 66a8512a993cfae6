"use client";
// One bot (/app/bot/?id=…): settings, knowledge base, Telegram and the test chat as keyboard-friendly tabs.
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { AppShell } from "@/components/AppShell";
import { BotForm } from "@/components/BotForm";
import { ChatPanel } from "@/components/ChatPanel";
import { ErrorMessage, Loading, SuccessMessage } from "@/components/ErrorMessage";
import { KnowledgePanel } from "@/components/KnowledgePanel";
import { TelegramPanel } from "@/components/TelegramPanel";
import { useApi } from "@/lib/ApiProvider";
import { useTitle } from "@/lib/hooks";
import { useI18n } from "@/i18n/I18nProvider";
import type { MessageKey } from "@/i18n/messages";
import type { Bot } from "@/lib/types";

const TABS = ["settings", "knowledge", "telegram", "chat"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, MessageKey> = {
    settings: "tabSettings",
    knowledge: "tabKnowledge",
    telegram: "tabTelegram",
    chat: "tabChat",
};

function BotScreen() {
    const api = useApi();
    const router = useRouter();
    const params = useSearchParams();
    const id = params.get("id") ?? "";
    const { t, code } = useI18n();
    const [bot, setBot] = useState<Bot | null>(null);
    const [loadError, setLoadError] = useState<unknown>(null);
    const [tab, setTab] = useState<Tab>(() =>
        (TABS as readonly string[]).includes(params.get("tab") ?? "")
            ? (params.get("tab") as Tab)
            : "settings",
    );
    const [done, setDone] = useState<string | null>(params.get("created") ? t("botCreated") : null);
    const [deleteError, setDeleteError] = useState<unknown>(null);
    const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
        settings: null,
        knowledge: null,
        telegram: null,
        chat: null,
    });

    const load = useCallback(async () => {
        setLoadError(null);
        try {
            setBot(await api.bot(id));
        } catch (e) {
            setLoadError(e);
        }
    }, [api, id]);
    useEffect(() => {
        if (id) void load();
    }, [id, load]);
    useTitle(bot?.name ?? t("editBotTitle"));

    function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
        const i = TABS.indexOf(tab);
        const next =
            e.key === "ArrowRight"
                ? TABS[(i + 1) % TABS.length]
                : e.key === "ArrowLeft"
                  ? TABS[(i + TABS.length - 1) % TABS.length]
                  : e.key === "Home"
                    ? TABS[0]
                    : e.key === "End"
                      ? TABS[TABS.length - 1]
                      : null;
        if (!next) return;
        e.preventDefault();
        openTab(next);
        tabRefs.current[next]?.focus();
    }

    function openTab(next: Tab) {
        setTab(next);
        setDone(null);
    }

    async function removeBot() {
        if (!bot || !window.confirm(t("confirmDeleteBot"))) return;
        setDeleteError(null);
        try {
            await api.deleteBot(bot.id);
            router.replace("/bots/");
        } catch (e) {
            setDeleteError(e);
        }
    }

    if (!id)
        return (
            <p className="notice" role="alert">
                {t("err_bot-not-found")}
            </p>
        );
    if (loadError) return <ErrorMessage error={loadError} onRetry={load} />;
    if (!bot) return <Loading />;

    return (
        <>
            <div className="page-head">
                <h1 data-testid="bot-title">{bot.name}</h1>
                <span className={`badge badge-${bot.status.toLowerCase()}`} data-testid="bot-status">
                    {code("bot", bot.status)}
                </span>
            </div>
            <SuccessMessage text={done} />
            <div role="tablist" aria-label={t("botTabs")} className="tabs">
                {TABS.map((name) => (
                    <button
                        key={name}
                        type="button"
                        role="tab"
                        id={`tab-${name}`}
                        aria-controls={`panel-${name}`}
                        aria-selected={tab === name}
                        tabIndex={tab === name ? 0 : -1}
                        data-testid={`tab-${name}`}
                        ref={(el) => {
                            tabRefs.current[name] = el;
                        }}
                        onClick={() => openTab(name)}
                        onKeyDown={onTabKey}
                    >
                        {t(TAB_LABELS[name])}
                    </button>
                ))}
            </div>
            <section
                role="tabpanel"
                id={`panel-${tab}`}
                aria-labelledby={`tab-${tab}`}
                className="tabpanel"
                tabIndex={0}
            >
                <h2>{t(TAB_LABELS[tab])}</h2>
                {tab === "settings" && (
                    <>
                        <BotForm
                            key={bot.updatedAt}
                            bot={bot}
                            submitLabel={t("save")}
                            onSubmit={async (settings) => {
                                setDone(null);
                                setBot(await api.updateBot(bot.id, settings));
                                setDone(t("botSaved"));
                            }}
                        />
                        <ErrorMessage error={deleteError} />
                        <button type="button" className="btn btn-danger" onClick={removeBot}>
                            {t("deleteBot")}
                        </button>
                    </>
                )}
                {tab === "knowledge" && <KnowledgePanel botId={bot.id} />}
                {tab === "telegram" && <TelegramPanel botId={bot.id} />}
                {tab === "chat" && <ChatPanel botId={bot.id} />}
            </section>
        </>
    );
}

export default function BotPage() {
    return (
        <AppShell>
            <Suspense fallback={<Loading />}>
                <BotScreen />
            </Suspense>
        </AppShell>
    );
}
