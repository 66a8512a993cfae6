"use client";
// A failure shown as a sentence (role=alert, so screen readers announce it), with an optional retry.
import { describeError } from "@/lib/errors";
import { useI18n } from "@/i18n/I18nProvider";

export function ErrorMessage({
    error,
    context,
    onRetry,
}: {
    error: unknown;
    context?: "login";
    onRetry?: () => void;
}) {
    const { lang, t } = useI18n();
    if (!error) return null;
    const shown = describeError(error, lang, context);
    return (
        <div className="notice notice-error" role="alert" data-testid="error">
            <p>{shown.message}</p>
            {shown.detail && <p className="notice-detail">{t("errDetails", { detail: shown.detail })}</p>}
            {onRetry && (
                <button type="button" className="btn btn-small" onClick={onRetry}>
                    {t("retry")}
                </button>
            )}
        </div>
    );
}

export function SuccessMessage({ text }: { text: string | null }) {
    if (!text) return null;
    return (
        <div className="notice notice-ok" role="status" data-testid="success">
            <p>{text}</p>
        </div>
    );
}

export function Loading() {
    const { t } = useI18n();
    return (
        <p className="loading" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            {t("loading")}
        </p>
    );
}
