"use client";
// Connect a Telegram bot token: shows @username and the webhook, or Telegram's refusal as a sentence.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { TextField, focusFirstInvalid } from "./Field";
import { ErrorMessage, Loading, SuccessMessage } from "./ErrorMessage";
import { useApi } from "@/lib/ApiProvider";
import { isNewBotLag, withRetry } from "@/lib/api";
import { useI18n } from "@/i18n/I18nProvider";
import { hasErrors, validateTelegramToken, type FieldErrors } from "@/lib/validation";
import type { TelegramConnection } from "@/lib/types";

export function TelegramPanel({ botId }: { botId: string }) {
    const api = useApi();
    const { t, code } = useI18n();
    const form = useRef<HTMLFormElement>(null);
    const [connection, setConnection] = useState<TelegramConnection | null | undefined>(undefined);
    const [loadError, setLoadError] = useState<unknown>(null);
    const [token, setToken] = useState("");
    const [errors, setErrors] = useState<FieldErrors<"token">>({});
    const [failure, setFailure] = useState<unknown>(null);
    const [done, setDone] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const [replacing, setReplacing] = useState(false);

    // A brand-new bot is unknown to channel-telegram for a few seconds (bot.events): retry its 404s.
    const load = useCallback(async () => {
        setLoadError(null);
        try {
            setConnection(await withRetry(() => api.telegram(botId), isNewBotLag, { attempts: 10, delayMs: 1000 }));
        } catch (e) {
            setLoadError(e);
        }
    }, [api, botId]);
    useEffect(() => { void load(); }, [load]);

    async function submit(e: FormEvent) {
        e.preventDefault();
        const found = validateTelegramToken(token);
        setErrors(found);
        setFailure(null);
        setDone(null);
        if (hasErrors(found)) { focusFirstInvalid(form.current); return; }
        setBusy(true);
        try {
            const result = await withRetry(() => api.connectTelegram(botId, token.trim()), isNewBotLag,
                { attempts: 10, delayMs: 1000 });
            setConnection(result);
            setToken("");
            setReplacing(false);
            setDone(t("connectedJustNow"));
        } catch (err) {
            setFailure(err);
        } finally {
            setBusy(false);
        }
    }

    async function disconnect() {
        setFailure(null);
        setDone(null);
        setBusy(true);
        try {
            await api.disconnectTelegram(botId);
            setConnection(null);
            setDone(t("disconnected"));
        } catch (err) {
            setFailure(err);
        } finally {
            setBusy(false);
        }
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
                    <p><span className="badge badge-active">{code("tg", connection.status)}</span>{" "}
                        <strong data-testid="telegram-username">{t("telegramConnected", { username })}</strong></p>
                    {connection.webhookUrl && <p className="muted break" data-testid="telegram-webhook">
                        {t("webhookSet", { url: connection.webhookUrl })}</p>}
                    <div className="actions">
                        {!replacing && <button type="button" className="btn" onClick={() => setReplacing(true)}>{t("reconnect")}</button>}
                        <button type="button" className="btn btn-danger" onClick={disconnect} disabled={busy}>{t("disconnect")}</button>
                    </div>
                </div>
            ) : <p className="notice">{t("telegramNotConnected")}</p>}
            {(!connection || replacing) && (
                <form ref={form} onSubmit={submit} noValidate className="card" data-testid="telegram-form">
                    <p className="muted">{t("telegramIntro")}</p>
                    <TextField label={t("telegramToken")} name="token" autoComplete="off" spellCheck={false}
                               value={token} onChange={(e) => setToken(e.target.value)} error={errors.token}
                               placeholder="123456789:AA…" />
                    <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? t("loading") : t("connect")}</button>
                </form>
            )}
        </div>
    );
}
