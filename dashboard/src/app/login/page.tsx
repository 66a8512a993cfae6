"use client";
// Log in: email + password → tokens (kept for silent refresh), then on to the bots.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { PublicShell } from "@/components/AppShell";
import { ErrorMessage, SuccessMessage } from "@/components/ErrorMessage";
import { TextField, focusFirstInvalid } from "@/components/Field";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { hasErrors, validateLogin, type FieldErrors } from "@/lib/validation";

export default function LoginPage() {
    const api = useApi();
    const router = useRouter();
    const { t } = useI18n();
    const form = useRef<HTMLFormElement>(null);
    const [email, setEmail] = useState("");
    const [password, setPassword] = useState("");
    const [errors, setErrors] = useState<FieldErrors<"email" | "password">>({});
    const [failure, setFailure] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    const [notice, setNotice] = useState<string | null>(null);

    useEffect(() => {
        const params = new URLSearchParams(window.location.search);
        if (params.get("expired")) setNotice("sessionExpired");
        else if (params.get("registered")) setNotice("signedUp");
        const known = params.get("email");
        if (known) setEmail(known);
    }, []);

    async function submit(e: FormEvent) {
        e.preventDefault();
        const found = validateLogin({ email, password });
        setErrors(found);
        setFailure(null);
        if (hasErrors(found)) { focusFirstInvalid(form.current); return; }
        setBusy(true);
        try {
            await api.login({ email: email.trim(), password });
            const sub = await api.subscription().catch(() => null);
            router.replace(sub ? "/bots/" : "/plans/");
        } catch (err) {
            setFailure(err);
            setBusy(false);
        }
    }

    return (
        <PublicShell>
            <h1>{t("loginTitle")}</h1>
            {notice && <SuccessMessage text={t(notice === "signedUp" ? "signedUp" : "sessionExpired")} />}
            <form ref={form} onSubmit={submit} noValidate className="card" data-testid="login-form">
                <ErrorMessage error={failure} context="login" />
                <TextField label={t("email")} type="email" name="email" autoComplete="email" value={email}
                           onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
                <TextField label={t("password")} type="password" name="password" autoComplete="current-password"
                           value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("loading") : t("loginSubmit")}
                </button>
            </form>
            <p className="switch-auth">{t("noAccount")} <Link href="/signup/">{t("signupLink")}</Link></p>
        </PublicShell>
    );
}
