"use client";
// A labelled input or textarea with its hint and validation message wired up for screen readers.
import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useI18n } from "@/i18n/I18nProvider";
import type { MessageKey } from "@/i18n/messages";

export type FieldError = { key: MessageKey; vars?: Record<string, number> } | undefined;

interface Common {
    label: string;
    hint?: string;
    error?: FieldError;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: FieldError }) {
    const { t } = useI18n();
    return (
        <>
            {hint && (
                <p id={`${id}-hint`} className="hint">
                    {hint}
                </p>
            )}
            {error && (
                <p id={`${id}-error`} className="field-error" data-testid="field-error">
                    {t(error.key, error.vars)}
                </p>
            )}
        </>
    );
}

function describedBy(id: string, hint?: string, error?: FieldError): string | undefined {
    return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField({
    label,
    hint,
    error,
    ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
    const id = useId();
    return (
        <div className="field">
            <label htmlFor={id}>{label}</label>
            <input
                id={id}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy(id, hint, error)}
                {...input}
            />
            <Described id={id} hint={hint} error={error} />
        </div>
    );
}

export function TextArea({
    label,
    hint,
    error,
    ...area
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
    const id = useId();
    return (
        <div className="field">
            <label htmlFor={id}>{label}</label>
            <textarea
                id={id}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy(id, hint, error)}
                {...area}
            />
            <Described id={id} hint={hint} error={error} />
        </div>
    );
}

/** Moves focus to the first invalid field after a failed submit. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
    requestAnimationFrame(() => form?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
}
