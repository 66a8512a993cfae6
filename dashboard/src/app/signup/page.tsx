"use client";
// Sign up: create the account, log straight in, then pick a plan.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { PublicShell } from "@/components/AppShell";
import { ErrorMessage } from "@/components/ErrorMessage";
import { TextField, focusFirstInvalid } from "@/components/Field";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { hasErrors, validateSignup, type FieldErrors } from "@/lib/validation";

export default function SignupPage() {
    const api = useApi();
    const router = useRouter();
    const { t } = useI18n();
    const form = useRef<HTMLFormElement>(null);
    const [name, setName] = useState("");
    const [email, setEmail] = useState("");
    const [password, setPassword] = useState("");
    const [errors, setErrors] = useState<FieldErrors<"email" | "password" | "name">>({});
    const [failure, setFailure] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);

    async function submit(e: FormEvent) {
        e.preventDefault();
        const found = validateSignup({ email, password, name });
        setErrors(found);
        setFailure(null);
        if (hasErrors(found)) { focusFirstInvalid(form.current); return; }
        setBusy(true);
        try {
            await api.register({ email: email.trim(), password, name: name.trim() });
        } catch (err) {
            setFailure(err);
            setBusy(false);
            return;
        }
        try {
            await api.login({ email: email.trim(), password });
            router.replace("/plans/");
        } catch {
            router.replace(`/login/?registered=1&email=${encodeURIComponent(email.trim())}`);
        }
    }

    return (
        <PublicShell>
            <h1>{t("signupTitle")}</h1>
            <form ref={form} onSubmit={submit} noValidate className="card" data-testid="signup-form">
                <ErrorMessage error={failure} />
                <TextField label={t("name")} name="name" autoComplete="name" value={name}
                           onChange={(e) => setName(e.target.value)} error={errors.name} required />
                <TextField label={t("email")} type="email" name="email" autoComplete="email" value={email}
                           onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
                <TextField label={t("password")} type="password" name="password" autoComplete="new-password"
                           hint={t("passwordHint")} value={password} onChange={(e) => setPassword(e.target.value)}
                           error={errors.password} required minLength={8} />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("loading") : t("signupSubmit")}
                </button>
            </form>
            <p className="switch-auth">{t("haveAccount")} <Link href="/login/">{t("loginLink")}</Link></p>
        </PublicShell>
    );
}
