"use client";
// The two shapes every screen repeats: load data (with its error and a retry), and submit a validated
// form (field errors first, then the call with its busy state and failure).
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { focusFirstInvalid } from "@/components/Field";
import { hasErrors, type FieldErrors } from "./validation";

/** The browser tab's (and screen readers' route announcement's) title for a screen. */
export function useTitle(title: string) {
    useEffect(() => {
        document.title = title ? `${title} · BotFactory` : "BotFactory";
    }, [title]);
}

/** Runs `load` (memoise it with useCallback) on mount and whenever it changes. */
export function useLoader<T>(load: () => Promise<T>) {
    const [data, setData] = useState<T | undefined>(undefined);
    const [error, setError] = useState<unknown>(null);
    const reload = useCallback(async () => {
        setError(null);
        try {
            setData(await load());
        } catch (e) {
            setError(e);
        }
    }, [load]);
    useEffect(() => {
        void reload();
    }, [reload]);
    return { data, setData, error, reload };
}

export function useFormSubmit<F extends string>() {
    const form = useRef<HTMLFormElement>(null);
    const [errors, setErrors] = useState<FieldErrors<F>>({});
    const [failure, setFailure] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);

    /** Validates; when valid runs `action` and reports whether it succeeded (its failure is kept). */
    const submit = useCallback(
        async (event: FormEvent | null, validate: () => FieldErrors<F>, action: () => Promise<void>) => {
            event?.preventDefault();
            const found = validate();
            setErrors(found);
            setFailure(null);
            if (hasErrors(found)) {
                focusFirstInvalid(form.current);
                return false;
            }
            setBusy(true);
            try {
                await action();
                return true;
            } catch (err) {
                setFailure(err);
                return false;
            } finally {
                setBusy(false);
            }
        },
        [],
    );

    return { form, errors, failure, setFailure, busy, submit };
}
