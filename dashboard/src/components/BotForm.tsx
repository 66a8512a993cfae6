"use client";
// Create/edit a bot: name, persona, language, welcome and fallback messages, pause; validated first.
import { useState, type FormEvent } from "react";
import { TextArea, TextField } from "./Field";
import { ErrorMessage } from "./ErrorMessage";
import { useI18n } from "@/i18n/I18nProvider";
import { useFormSubmit } from "@/lib/hooks";
import { validateBot, type BotField } from "@/lib/validation";
import type { Bot, BotSettings } from "@/lib/types";

export function BotForm({
    bot,
    submitLabel,
    onSubmit,
}: {
    bot?: Bot;
    submitLabel: string;
    onSubmit: (settings: BotSettings) => Promise<void>;
}) {
    const { t, lang } = useI18n();
    const { form, errors, failure, busy, submit } = useFormSubmit<BotField>();
    const [values, setValues] = useState<Record<BotField, string>>({
        name: bot?.name ?? "",
        systemPrompt: bot?.systemPrompt ?? "",
        language: bot?.language ?? lang,
        welcomeMessage: bot?.welcomeMessage ?? "",
        fallbackMessage: bot?.fallbackMessage ?? "",
    });
    const [paused, setPaused] = useState(bot?.status === "PAUSED");

    const bind = (field: BotField) => ({
        name: field,
        value: values[field],
        error: errors[field],
        onChange: (e: { target: { value: string } }) =>
            setValues((v) => ({ ...v, [field]: e.target.value })),
    });

    const save = (e: FormEvent) =>
        submit(
            e,
            () => validateBot(values),
            () =>
                onSubmit({
                    name: values.name.trim(),
                    systemPrompt: values.systemPrompt,
                    language: values.language.trim(),
                    welcomeMessage: values.welcomeMessage,
                    fallbackMessage: values.fallbackMessage,
                    ...(bot ? { status: paused ? "PAUSED" : "ACTIVE" } : {}),
                }),
        );

    const languageListId = "bot-language-options";
    return (
        <form ref={form} onSubmit={save} noValidate className="card" data-testid="bot-form">
            <ErrorMessage error={failure} />
            <TextField label={t("botName")} required maxLength={80} {...bind("name")} />
            <TextArea
                label={t("systemPrompt")}
                hint={t("systemPromptHint")}
                rows={4}
                {...bind("systemPrompt")}
            />
            <TextField
                label={t("botLanguage")}
                list={languageListId}
                autoComplete="off"
                {...bind("language")}
            />
            <datalist id={languageListId}>
                <option value="uz">{t("langUz")}</option>
                <option value="ru">{t("langRu")}</option>
                <option value="en">{t("langEn")}</option>
            </datalist>
            <TextArea
                label={t("welcomeMessage")}
                hint={t("welcomeHint")}
                rows={2}
                {...bind("welcomeMessage")}
            />
            <TextArea
                label={t("fallbackMessage")}
                hint={t("fallbackHint")}
                rows={2}
                {...bind("fallbackMessage")}
            />
            {bot && (
                <div className="field checkbox">
                    <input
                        id="bot-paused"
                        type="checkbox"
                        checked={paused}
                        onChange={(e) => setPaused(e.target.checked)}
                    />
                    <label htmlFor="bot-paused">{t("paused")}</label>
                </div>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy}>
                {busy ? t("saving") : submitLabel}
            </button>
        </form>
    );
}
