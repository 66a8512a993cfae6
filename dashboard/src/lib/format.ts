// Numbers, money and dates in the interface language.
import type { Lang } from "@/i18n/messages";

const LOCALES: Record<Lang, string> = { uz: "uz-Latn-UZ", ru: "ru-RU", en: "en-GB" };

export function formatNumber(lang: Lang, n: number): string {
    return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

export function formatMoney(lang: Lang, cents: number, currency: string): string {
    try {
        return new Intl.NumberFormat(LOCALES[lang], { style: "currency", currency }).format(cents / 100);
    } catch {
        return `${formatNumber(lang, cents / 100)} ${currency}`;
    }
}

export function formatDate(lang: Lang, iso: string | undefined): string {
    if (!iso) return "";
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
        ? iso
        : new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium" }).format(d);
}
