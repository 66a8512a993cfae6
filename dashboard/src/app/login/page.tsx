"use client";
// Log in: email + password → tokens (kept for silent refresh), then on to the bots.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { PublicShell } from "@/components/AppShell";
import { ErrorMessage, SuccessMessage } from "@/components/ErrorMessage";
import { TextField } from "@/components/Field";
import { useFormSubmit, useTitle } from "@/lib/hooks";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { validateLogin } from "@/lib/validation";

export default function LoginPage() {
    const api = useApi();
    const router = useRouter();
    const { t } = useI18n();
    useTitle(t("loginTitle"));
    const { form, errors, failure, busy, submit } = useFormSubmit<"email" | "password">();
    const [email, setEmail] = useState("");
    const [password, setPassword] = useState("");
    const [notice, setNotice] = useState<string | null>(null);

    useEffect(() => {
        if (api.isLoggedIn()) {
            router.replace("/bots/");
            return;
        }
        const params = new URLSearchParams(window.location.search);
        if (params.get("expired")) setNotice("sessionExpired");
        else if (params.get("registered")) setNotice("signedUp");
        const known = params.get("email");
        if (known) setEmail(known);
    }, [api, router]);

    const logIn = (e: FormEvent) =>
        submit(
            e,
            () => validateLogin({ email, password }),
            async () => {
                await api.login({ email: email.trim(), password });
                const subscription = await api.subscription().catch(() => null);
                router.replace(subscription ? "/bots/" : "/plans/");
            },
        );

    return (
        <PublicShell>
            <h1>{t("loginTitle")}</h1>
            {notice && <SuccessMessage text={t(notice === "signedUp" ? "signedUp" : "sessionExpired")} />}
            <form ref={form} onSubmit={logIn} noValidate className="card" data-testid="login-form">
                <ErrorMessage error={failure} context="login" />
                <TextField
                    label={t("email")}
                    type="email"
                    name="email"
                    autoComplete="email"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                    error={errors.email}
                    required
                />
                <TextField
                    label={t("password")}
                    type="password"
                    name="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    error={errors.password}
                    required
                />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("loading") : t("loginSubmit")}
                </button>
            </form>
            <p className="switch-auth">
                {t("noAccount")} <Link href="/signup/">{t("signupLink")}</Link>
            </p>
        </PublicShell>
    );
}
