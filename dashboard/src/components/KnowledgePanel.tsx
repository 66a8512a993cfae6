"use client";
// A bot's knowledge base: add a text (typed or from a .txt/.md file), list, delete.
import { useCallback, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { TextArea, TextField } from "./Field";
import { ErrorMessage, Loading, SuccessMessage } from "./ErrorMessage";
import { useApi } from "@/lib/ApiProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { formatDate, formatNumber } from "@/lib/format";
import { useFormSubmit, useLoader } from "@/lib/hooks";
import { validateKnowledge, validateUpload } from "@/lib/validation";
import type { KnowledgeDoc } from "@/lib/types";

export function KnowledgePanel({ botId }: { botId: string }) {
    const api = useApi();
    const { t, lang } = useI18n();
    const { form, errors, failure, setFailure, busy, submit } = useFormSubmit<"title" | "content">();
    const {
        data: docs,
        error: loadError,
        reload: load,
    } = useLoader(useCallback(() => api.knowledge(botId), [api, botId]));
    const [title, setTitle] = useState("");
    const [content, setContent] = useState("");
    const [fileError, setFileError] = useState<string | null>(null);
    const [fileName, setFileName] = useState("");
    const fileInput = useRef<HTMLInputElement>(null);
    const [done, setDone] = useState<string | null>(null);

    async function readFile(e: ChangeEvent<HTMLInputElement>) {
        setFileError(null);
        const file = e.target.files?.[0];
        setFileName(file?.name ?? "");
        if (!file) return;
        const problem = validateUpload(file);
        if (problem) {
            setFileError(t(problem));
            setFileName("");
            e.target.value = "";
            return;
        }
        setContent(await file.text());
        if (!title.trim()) setTitle(file.name.replace(/\.(txt|md|markdown)$/i, ""));
    }

    function add(e: FormEvent) {
        setDone(null);
        return submit(
            e,
            () => validateKnowledge({ title, content }),
            async () => {
                await api.addKnowledge(botId, { title: title.trim(), content });
                setTitle("");
                setContent("");
                setFileName("");
                if (fileInput.current) fileInput.current.value = "";
                setDone(t("documentAdded"));
                await load();
            },
        );
    }

    async function remove(doc: KnowledgeDoc) {
        if (!window.confirm(t("confirmDeleteDoc", { title: doc.title }))) return;
        setFailure(null);
        setDone(null);
        try {
            await api.deleteKnowledge(botId, doc.id);
            setDone(t("documentDeleted"));
            await load();
        } catch (err) {
            setFailure(err);
        }
    }

    return (
        <div data-testid="knowledge-panel">
            <p className="muted">{t("knowledgeIntro")}</p>
            <ErrorMessage error={failure} />
            <SuccessMessage text={done} />
            <form ref={form} onSubmit={add} noValidate className="card" data-testid="knowledge-form">
                <TextField
                    label={t("docTitle")}
                    name="title"
                    value={title}
                    maxLength={200}
                    onChange={(e) => setTitle(e.target.value)}
                    error={errors.title}
                />
                <TextArea
                    label={t("docContent")}
                    name="content"
                    rows={6}
                    value={content}
                    onChange={(e) => setContent(e.target.value)}
                    error={errors.content}
                />
                <div className="field file-field">
                    <span id="knowledge-file-label" className="field-label">
                        {t("uploadFile")}
                    </span>
                    {/* The native picker's own words follow the browser's language: a translated button instead. */}
                    <input
                        id="knowledge-file"
                        ref={fileInput}
                        className="visually-hidden"
                        type="file"
                        accept=".txt,.md,.markdown,text/plain,text/markdown"
                        onChange={readFile}
                        aria-labelledby="knowledge-file-label"
                        aria-describedby={fileError ? "knowledge-file-error" : undefined}
                    />
                    <label htmlFor="knowledge-file" className="btn file-button">
                        {t("chooseFile")}
                    </label>
                    <span className="muted" aria-live="polite">
                        {fileName || t("noFileChosen")}
                    </span>
                    {fileError && (
                        <p id="knowledge-file-error" className="field-error" role="alert">
                            {fileError}
                        </p>
                    )}
                </div>
                <button type="submit" className="btn btn-primary" disabled={busy}>
                    {busy ? t("saving") : t("addDocument")}
                </button>
            </form>
            <h3>{t("documents")}</h3>
            {loadError ? (
                <ErrorMessage error={loadError} onRetry={load} />
            ) : !docs ? (
                <Loading />
            ) : docs.length === 0 ? (
                <p className="empty">{t("noDocuments")}</p>
            ) : (
                <ul className="doc-list" data-testid="doc-list">
                    {docs.map((d) => (
                        <li key={d.id} className="doc-item">
                            <div>
                                <strong>{d.title}</strong>
                                <span className="muted">
                                    {" "}
                                    · {t("chars", { n: formatNumber(lang, d.chars) })} ·{" "}
                                    {formatDate(lang, d.createdAt)}
                                </span>
                            </div>
                            <button
                                type="button"
                                className="btn btn-small btn-danger"
                                onClick={() => remove(d)}
                                aria-label={`${t("delete")}: ${d.title}`}
                            >
                                {t("delete")}
                            </button>
                        </li>
                    ))}
                </ul>
            )}
        </div>
    );
}
