"use client";
// The interface language: read from localStorage before the first paint (see layout's inline script),
// switched from the header, remembered, and mirrored into <html lang>.
import {
    createContext,
    useCallback,
    useContext,
    useLayoutEffect,
    useMemo,
    useState,
    type ReactNode,
} from "react";
import {
    DEFAULT_LANG,
    LANG_STORAGE_KEY,
    isLang,
    translate,
    translateCode,
    type Lang,
    type MessageKey,
} from "./messages";

interface I18n {
    lang: Lang;
    setLang: (lang: Lang) => void;
    t: (key: MessageKey, vars?: Record<string, string | number>) => string;
    code: (prefix: string, code: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Runs in <head> before the page paints: no flash of the wrong language (body stays hidden until set). */
export const LANG_BOOT_SCRIPT =
    `(function(){try{var l=localStorage.getItem(${JSON.stringify(LANG_STORAGE_KEY)});` +
    `if(l==="ru"||l==="en"){document.documentElement.lang=l;` +
    `document.documentElement.classList.add("bf-lang-pending");}}catch(e){}})();`;

export function I18nProvider({ children }: { children: ReactNode }) {
    const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);

    // Before paint after hydration: adopt the stored language, then reveal the page.
    useLayoutEffect(() => {
        let stored: string | null = null;
        try {
            stored = window.localStorage.getItem(LANG_STORAGE_KEY);
        } catch {
            /* storage disabled */
        }
        if (isLang(stored)) setLangState(stored);
    }, []);

    useLayoutEffect(() => {
        document.documentElement.lang = lang;
        document.documentElement.classList.remove("bf-lang-pending");
    }, [lang]);

    const setLang = useCallback((next: Lang) => {
        setLangState(next);
        try {
            window.localStorage.setItem(LANG_STORAGE_KEY, next);
        } catch {
            /* storage disabled */
        }
    }, []);

    const value = useMemo<I18n>(
        () => ({
            lang,
            setLang,
            t: (key, vars) => translate(lang, key, vars),
            code: (prefix, c) => translateCode(lang, prefix, c),
        }),
        [lang, setLang],
    );

    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
    const ctx = useContext(I18nContext);
    if (!ctx) throw new Error("useI18n outside I18nProvider");
    return ctx;
}
