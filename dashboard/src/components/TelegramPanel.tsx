"use client";
// Connect a Telegram bot token: shows @username and the webhook, or Telegram's refusal as a sentence.
import { useCallback, useState, type FormEvent } from "react";
import { TextField } from "./Field";
import { ErrorMessage, Loading, SuccessMessage } from "./ErrorMessage";
import { useApi } from "@/lib/ApiProvider";
import { NEW_BOT_LAG, isNewBotLag, withRetry } from "@/lib/api";
import { useI18n } from "@/i18n/I18nProvider";
import { useFormSubmit, useLoader } from "@/lib/hooks";
import { validateTelegramToken } from "@/lib/validation";

export function TelegramPanel({ botId }: { botId: string }) {
    const api = useApi();
    const { t, code } = useI18n();
    const { form, errors, failure, busy, submit } = useFormSubmit<"token">();
    // A brand-new bot is unknown to channel-telegram for a few seconds (bot.events): retry its 404s.
    const {
        data: connection,
        setData: setConnection,
        error: loadError,
        reload: load,
    } = useLoader(
        useCallback(() => withRetry(() => api.telegram(botId), isNewBotLag, NEW_BOT_LAG), [api, botId]),
    );
    const [token, setToken] = useState("");
    const [done, setDone] = useState<string | null>(null);
    const [replacing, setReplacing] = useState(false);

    function connect(e: FormEvent) {
        setDone(null);
        return submit(
            e,
            () => validateTelegramToken(token),
            async () => {
                setConnection(
                    await withRetry(
                        () => api.connectTelegram(botId, token.trim()),
                        isNewBotLag,
                        NEW_BOT_LAG,
                    ),
                );
                setToken("");
                setReplacing(false);
                setDone(t("connectedJustNow"));
            },
        );
    }

    function disconnect() {
        setDone(null);
        return submit(
            null,
            () => ({}),
            async () => {
                await api.disconnectTelegram(botId);
                setConnection(null);
                setDone(t("disconnected"));
            },
        );
    }

    if (loadError) return <ErrorMessage error={loadError} onRetry={load} />;
    if (connection === undefined) return <Loading />;

    const username = connection?.username ? `@${connection.username.replace(/^@/, "")}` : "";
    return (
        <div data-testid="telegram-panel">
            <ErrorMessage error={failure} />
            <SuccessMessage text={done} />
            {connection ? (
                <div className="card" data-testid="telegram-status">
                    <p>
                        <span className="badge badge-active">{code("tg", connection.status)}</span>{" "}
                        <strong data-testid="telegram-username">
                            {t("telegramConnected", { username })}
                        </strong>
                    </p>
                    {connection.webhookUrl && (
                        <p className="muted break" data-testid="telegram-webhook">
                            {t("webhookSet", { url: connection.webhookUrl })}
                        </p>
                    )}
                    <div className="actions">
                        {!replacing && (
                            <button type="button" className="btn" onClick={() => setReplacing(true)}>
                                {t("reconnect")}
                            </button>
                        )}
                        <button
                            type="button"
                            className="btn btn-danger"
                            onClick={disconnect}
                            disabled={busy}
                        >
                            {t("disconnect")}
                        </button>
                    </div>
                </div>
            ) : (
                <p className="notice">{t("telegramNotConnected")}</p>
            )}
            {(!connection || replacing) && (
                <form ref={form} onSubmit={connect} noValidate className="card" data-testid="telegram-form">
                    <p className="muted">{t("telegramIntro")}</p>
                    <TextField
                        label={t("telegramToken")}
                        name="token"
                        autoComplete="off"
                        spellCheck={false}
                        value={token}
                        onChange={(e) => setToken(e.target.value)}
                        error={errors.token}
                        placeholder="123456789:AA…"
                    />
                    <button type="submit" className="btn btn-primary" disabled={busy}>
                        {busy ? t("loading") : t("connect")}
                    </button>
                </form>
            )}
        </div>
    );
}
