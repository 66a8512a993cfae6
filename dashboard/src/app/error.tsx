"use client";
// Last line of defence: a screen that throws while rendering shows a sentence and a way back, never a
// blank page.
import { useEffect } from "react";
import { useI18n } from "@/i18n/I18nProvider";

export default function ScreenError({ error, reset }: { error: Error; reset: () => void }) {
    const { t } = useI18n();
    useEffect(() => {
        console.error(error);
    }, [error]);
    return (
        <main id="main" className="container narrow">
            <div className="notice notice-error" role="alert" data-testid="error">
                <p>{t("errGeneric")}</p>
                <button type="button" className="btn btn-small" onClick={reset}>
                    {t("retry")}
                </button>
            </div>
            <p>
                <a href="/app/">{t("goHome")}</a>
            </p>
        </main>
    );
}
