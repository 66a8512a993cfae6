"use client";
// Unknown addresses under /app/ (the gateway falls back to the index; Next renders this for 404s).
import Link from "next/link";
import { PublicShell } from "@/components/AppShell";
import { useI18n } from "@/i18n/I18nProvider";

export default function NotFound() {
    const { t } = useI18n();
    return (
        <PublicShell>
            <h1>{t("notFoundPage")}</h1>
            <p>
                <Link href="/">{t("goHome")}</Link>
            </p>
        </PublicShell>
    );
}
