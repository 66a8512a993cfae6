"use client";
// "Try your bot": the owner writes as a customer; POST /api/bots/{id}/ask; answer with its sources.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorMessage } from "./ErrorMessage";
import { useApi } from "@/lib/ApiProvider";
import { NEW_BOT_LAG, isNewBotLag, withRetry } from "@/lib/api";
import { useI18n } from "@/i18n/I18nProvider";
import type { AskAnswer } from "@/lib/types";

interface Turn {
    id: number;
    question: string;
    answer?: AskAnswer;
}

export function ChatPanel({ botId }: { botId: string }) {
    const api = useApi();
    const { t, code } = useI18n();
    const [turns, setTurns] = useState<Turn[]>([]);
    const [text, setText] = useState("");
    const [failure, setFailure] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    const [invalid, setInvalid] = useState(false);
    const input = useRef<HTMLTextAreaElement>(null);
    const log = useRef<HTMLOListElement>(null);

    useEffect(() => {
        log.current?.lastElementChild?.scrollIntoView?.({ block: "nearest" });
    }, [turns]);

    async function submit(e: FormEvent) {
        e.preventDefault();
        const question = text.trim();
        setFailure(null);
        if (!question || question.length > 4096) {
            setInvalid(true);
            input.current?.focus();
            return;
        }
        setInvalid(false);
        const id = Date.now();
        setTurns((all) => [...all, { id, question }]);
        setText("");
        setBusy(true);
        try {
            // ai-gateway learns about a brand-new bot over Kafka; its 404 lasts seconds.
            const answer = await withRetry(() => api.ask(botId, question), isNewBotLag, NEW_BOT_LAG);
            setTurns((all) => all.map((turn) => (turn.id === id ? { ...turn, answer } : turn)));
        } catch (err) {
            setFailure(err);
            setTurns((all) => all.filter((turn) => turn.id !== id));
            setText(question);
        } finally {
            setBusy(false);
            input.current?.focus();
        }
    }

    return (
        <div data-testid="chat-panel">
            <p className="muted">{t("chatIntro")}</p>
            <ol className="chat-log" ref={log} aria-live="polite" data-testid="chat-log">
                {turns.length === 0 && <li className="muted">{t("chatEmpty")}</li>}
                {turns.map((turn) => (
                    <li key={turn.id}>
                        <div className="bubble bubble-me">
                            <span className="visually-hidden">{t("you")}: </span>
                            {turn.question}
                        </div>
                        {turn.answer ? (
                            <div
                                className={`bubble bubble-bot kind-${turn.answer.kind.toLowerCase()}`}
                                data-testid="chat-answer"
                            >
                                <span className="visually-hidden">{t("bot")}: </span>
                                <p className="answer-text">{turn.answer.text}</p>
                                <p className="answer-meta">
                                    <span className="badge">{code("kind", turn.answer.kind)}</span>
                                    {turn.answer.sources?.length > 0 && (
                                        <span data-testid="chat-sources">
                                            {" "}
                                            {t("sources")}:{" "}
                                            {turn.answer.sources.map((s) => s.title).join(", ")}
                                        </span>
                                    )}
                                </p>
                            </div>
                        ) : (
                            <div className="bubble bubble-bot muted" role="status">
                                {t("thinking")}
                            </div>
                        )}
                    </li>
                ))}
            </ol>
            <ErrorMessage error={failure} />
            <form onSubmit={submit} noValidate className="chat-form" data-testid="chat-form">
                <label htmlFor="chat-input" className="visually-hidden">
                    {t("chatInput")}
                </label>
                <textarea
                    id="chat-input"
                    ref={input}
                    rows={2}
                    value={text}
                    placeholder={t("chatInput")}
                    aria-invalid={invalid || undefined}
                    aria-describedby={invalid ? "chat-input-error" : undefined}
                    onChange={(e) => setText(e.target.value)}
                    onKeyDown={(e) => {
                        if (e.key === "Enter" && !e.shiftKey) {
                            e.preventDefault();
                            e.currentTarget.form?.requestSubmit();
                        }
                    }}
                />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("thinking") : t("send")}
                </button>
            </form>
            {invalid && (
                <p id="chat-input-error" className="field-error">
                    {t("vRequired")}
                </p>
            )}
        </div>
    );
}
