"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { ACCEPT_ATTRIBUTE } from "@/lib/evidence/file-types";
import { MAX_CAPTION_LENGTH, MAX_FILE_BYTES, MAX_FILES_PER_ENTRY } from "@/lib/evidence/limits";

type Entry = {
  key: string;
  name: string;
  progress: number;
  state: "uploading" | "done" | "failed";
  id?: number;
  thumbnailUrl?: string | null;
  error?: string;
  caption: string;
};

/**
 * Photos and documents for a progress update or field report. Each file is uploaded as soon as it is chosen (its
 * own progress bar), becomes an unattached upload on the server, and the form sends them with its save as one field,
 * `evidence` (`[{"id":12,"caption":"…"}]`, ZEvidence in lib/progress/progress-input.ts). Phone camera, file
 * chooser, or drag and drop.
 */
export function EvidencePicker({
  projectCode,
  error,
  onBusyChange,
  held = 0,
}: {
  projectCode: string;
  /** Files the milestone or blocker already holds (not withdrawn): they count against MAX_FILES_PER_ENTRY. */
  held?: number;
  error?: string | undefined;
  /** Told when uploads start and finish, so the form can wait for them before it is sent. */
  onBusyChange?: (busy: boolean) => void;
}) {
  const t = useTranslations("evidence");
  const tErrors = useTranslations("formErrors");
  const [entries, setEntries] = useState<Entry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const counter = useRef(0);
  const id = useId();

  const update = (key: string, change: Partial<Entry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  function send(file: File, key: string) {
    const body = new FormData();
    body.set("file", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", `/api/files?project=${encodeURIComponent(projectCode)}`);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) update(key, { progress: Math.round((event.loaded / event.total) * 100) });
    };
    request.onload = () => {
      const answer = request.response as { file?: { id: number; thumbnailUrl: string | null }; message?: string };
      if (request.status === 201 && answer?.file)
        update(key, { state: "done", progress: 100, id: answer.file.id, thumbnailUrl: answer.file.thumbnailUrl });
      else update(key, { state: "failed", error: answer?.message ?? t("errors.failed") });
    };
    request.onerror = () => update(key, { state: "failed", error: t("errors.failed") });
    request.send(body);
  }

  function add(files: FileList | File[]) {
    setNotice(null);
    const chosen = [...files];
    const room = MAX_FILES_PER_ENTRY - held - entries.filter((entry) => entry.state !== "failed").length;
    if (chosen.length > room) setNotice(t("errors.tooMany", { max: MAX_FILES_PER_ENTRY }));
    const added: Entry[] = [];
    for (const file of chosen.slice(0, Math.max(0, room))) {
      const key = `file-${counter.current++}`;
      if (file.size > MAX_FILE_BYTES) {
        added.push({ key, name: file.name, progress: 0, state: "failed", error: t("errors.tooLarge"), caption: "" });
        continue;
      }
      added.push({ key, name: file.name, progress: 0, state: "uploading", caption: "" });
      send(file, key);
    }
    setEntries((current) => [...current, ...added]);
  }

  useEffect(() => onBusyChange?.(entries.some((entry) => entry.state === "uploading")), [entries, onBusyChange]);
  const done = entries.filter((entry) => entry.state === "done" && entry.id !== undefined);
  const uploading = entries.some((entry) => entry.state === "uploading");
  const errorMessage = error
    ? tErrors.has(error as "invalid")
      ? tErrors(error as "invalid")
      : tErrors("invalid")
    : null;
  return (
    <fieldset className="space-y-2" data-testid="evidence-picker" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-semibold text-slate-700">{t("attach")}</legend>
      <input
        type="hidden"
        name="evidence"
        value={JSON.stringify(done.map((entry) => ({ id: entry.id, caption: entry.caption })))}
      />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is an extra; both buttons work without it */}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (event.dataTransfer.files.length > 0) add(event.dataTransfer.files);
        }}
        className={`flex flex-wrap items-center gap-3 rounded border-2 border-dashed p-3 text-sm ${
          dragging ? "border-brand bg-sky-50" : "border-slate-300"
        }`}
      >
        <label className="cursor-pointer rounded bg-brand px-3 py-2 font-semibold text-white hover:bg-brand-dark focus-within:outline focus-within:outline-2">
          {t("takePhoto")}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            data-testid="evidence-camera"
            onChange={(event) => {
              if (event.target.files) add(event.target.files);
              event.target.value = "";
            }}
          />
        </label>
        <label className="cursor-pointer rounded border border-brand px-3 py-2 font-semibold text-brand hover:bg-sky-50 focus-within:outline focus-within:outline-2">
          {t("chooseFiles")}
          <input
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            className="sr-only"
            data-testid="evidence-files"
            onChange={(event) => {
              if (event.target.files) add(event.target.files);
              event.target.value = "";
            }}
          />
        </label>
        <span className="hidden text-slate-600 md:inline">{t("dropHere")}</span>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {t("hint", { max: MAX_FILES_PER_ENTRY, megabytes: MAX_FILE_BYTES / 1024 / 1024 })}
      </p>
      {notice && (
        <p role="alert" className="text-sm text-red-700">
          {notice}
        </p>
      )}
      {errorMessage && (
        <p role="alert" className="text-sm text-red-700" data-testid="error-evidence">
          {errorMessage}
        </p>
      )}
      {entries.length > 0 && (
        <ul className="space-y-2" aria-live="polite">
          {entries.map((entry) => (
            <li
              key={entry.key}
              className="flex flex-wrap items-center gap-3 rounded border border-slate-200 p-2 text-sm"
              data-testid="evidence-entry"
              data-state={entry.state}
            >
              {entry.thumbnailUrl ? (
                // biome-ignore lint/performance/noImgElement: a served thumbnail, not a build-time asset
                <img src={entry.thumbnailUrl} alt="" className="h-12 w-12 rounded object-cover" />
              ) : (
                <span
                  aria-hidden="true"
                  className="flex h-12 w-12 items-center justify-center rounded bg-slate-100 text-xs font-semibold text-slate-600"
                >
                  {entry.name.split(".").pop()?.slice(0, 4).toUpperCase()}
                </span>
              )}
              <span className="min-w-0 flex-1 truncate">{entry.name}</span>
              {entry.state === "uploading" && (
                <progress
                  max={100}
                  value={entry.progress}
                  aria-label={t("uploading", { name: entry.name })}
                  className="w-24"
                />
              )}
              {entry.state === "failed" && <span className="w-full text-red-700">{entry.error}</span>}
              {entry.state === "done" && (
                <input
                  aria-label={t("caption", { name: entry.name })}
                  placeholder={t("captionPlaceholder")}
                  maxLength={MAX_CAPTION_LENGTH}
                  value={entry.caption}
                  onChange={(event) => update(entry.key, { caption: event.target.value })}
                  className="w-full rounded border border-slate-300 px-2 py-1 sm:w-56"
                />
              )}
              {entry.state !== "uploading" && (
                <button
                  type="button"
                  onClick={() => setEntries((current) => current.filter((other) => other.key !== entry.key))}
                  className="text-brand underline"
                >
                  {t("remove")}
                  <span className="sr-only"> {entry.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {uploading && <p className="sr-only">{t("waitForUploads")}</p>}
    </fieldset>
  );
}
