"use client";
// Sign up: create the account, log straight in, then pick a plan.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PublicShell } from "@/components/AppShell";
import { ErrorMessage } from "@/components/ErrorMessage";
import { TextField } from "@/components/Field";
import { useFormSubmit, useTitle } from "@/lib/hooks";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { validateSignup } from "@/lib/validation";

export default function SignupPage() {
    const api = useApi();
    const router = useRouter();
    const { t } = useI18n();
    useTitle(t("signupTitle"));
    const { form, errors, failure, busy, submit } = useFormSubmit<"email" | "password" | "name">();
    const [name, setName] = useState("");
    const [email, setEmail] = useState("");
    const [password, setPassword] = useState("");

    const signUp = (e: FormEvent) =>
        submit(
            e,
            () => validateSignup({ email, password, name }),
            async () => {
                await api.register({ email: email.trim(), password, name: name.trim() });
                try {
                    await api.login({ email: email.trim(), password });
                    router.replace("/plans/");
                } catch {
                    // The account exists; the login page explains and offers the form again.
                    router.replace(`/login/?registered=1&email=${encodeURIComponent(email.trim())}`);
                }
            },
        );

    return (
        <PublicShell>
            <h1>{t("signupTitle")}</h1>
            <form ref={form} onSubmit={signUp} noValidate className="card" data-testid="signup-form">
                <ErrorMessage error={failure} />
                <TextField
                    label={t("name")}
                    name="name"
                    autoComplete="name"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    error={errors.name}
                    required
                />
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
                    autoComplete="new-password"
                    hint={t("passwordHint")}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    error={errors.password}
                    required
                    minLength={8}
                />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("loading") : t("signupSubmit")}
                </button>
            </form>
            <p className="switch-auth">
                {t("haveAccount")} <Link href="/login/">{t("loginLink")}</Link>
            </p>
        </PublicShell>
    );
}
