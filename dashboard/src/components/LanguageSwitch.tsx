"use client";
// The interface language picker (a native select: keyboard and screen-reader friendly).
import { useId } from "react";
import { useI18n } from "@/i18n/I18nProvider";
import { LANGUAGES, LANGUAGE_NAMES, isLang } from "@/i18n/messages";

export function LanguageSwitch() {
    const { lang, setLang, t } = useI18n();
    const id = useId();
    return (
        <div className="lang-switch">
            <label htmlFor={id} className="visually-hidden">
                {t("interfaceLanguage")}
            </label>
            <select
                id={id}
                data-testid="lang-switch"
                value={lang}
                onChange={(e) => {
                    if (isLang(e.target.value)) setLang(e.target.value);
                }}
            >
                {LANGUAGES.map((l) => (
                    <option key={l} value={l} lang={l}>
                        {LANGUAGE_NAMES[l]}
                    </option>
                ))}
            </select>
        </div>
    );
}
