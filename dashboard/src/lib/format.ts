// Numbers, money and dates in the interface language. Browsers often ship without Uzbek locale data
// (Chromium on Debian prints "2026 M12 17" and "2,000"), so Uzbek is formatted here by hand.
import type { Lang } from "@/i18n/messages";

const LOCALES: Record<Lang, string> = { uz: "uz-Latn-UZ", ru: "ru-RU", en: "en-GB" };
/** Uzbek writes numbers like Russian: "2 000", "19,00". */
const NUMBER_LOCALE: Record<Lang, string> = { uz: "ru-RU", ru: "ru-RU", en: "en-GB" };
const UZ_MONTHS = [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avgust",
    "sentabr",
    "oktabr",
    "noyabr",
    "dekabr",
];
const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", UZS: "so'm", RUB: "₽" };

export function formatNumber(lang: Lang, n: number): string {
    return new Intl.NumberFormat(NUMBER_LOCALE[lang]).format(n);
}

export function formatMoney(lang: Lang, cents: number, currency: string): string {
    if (lang === "uz") {
        const amount = new Intl.NumberFormat(NUMBER_LOCALE.uz, {
            minimumFractionDigits: cents % 100 === 0 && currency === "UZS" ? 0 : 2,
            maximumFractionDigits: 2,
        }).format(cents / 100);
        return `${amount} ${SYMBOLS[currency] ?? currency}`;
    }
    try {
        return new Intl.NumberFormat(LOCALES[lang], { style: "currency", currency }).format(cents / 100);
    } catch {
        return `${formatNumber(lang, cents / 100)} ${currency}`;
    }
}

export function formatDate(lang: Lang, iso: string | undefined): string {
    if (!iso) return "";
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    if (lang === "uz") return `${d.getDate()}-${UZ_MONTHS[d.getMonth()]}, ${d.getFullYear()}`;
    return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium" }).format(d);
}
