"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "./action-message";
import { EvidenceGallery, type GalleryFile, shortDateInKazakhstan, useTakenLine } from "./evidence-gallery";
import { describedBy, FormField, INPUT_CLASS } from "./form-field";

export type SectionFile = GalleryFile & {
  createdAt: string;
  uploadedBy: string;
  byteSize: number;
  withdrawn: { at: string; reason: string } | null;
  mayWithdraw: boolean;
};
type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type EvidenceFilter = "all" | "PHOTO" | "DOCUMENT";

function WithdrawForm({ file, withdraw }: { file: SectionFile; withdraw: Action }) {
  const t = useTranslations("evidence");
  const [state, action, pending] = useActionState(withdraw, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const id = `withdraw-reason-${file.id}`;
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-brand underline">{t("withdraw")}</summary>
      <form action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="fileId" value={file.id} />
        <FormField id={id} label={t("withdrawReason")} error={errors.reason}>
          <input id={id} name="reason" maxLength={2000} className={INPUT_CLASS} {...describedBy(id, errors.reason)} />
        </FormField>
        <button type="submit" disabled={pending} className="rounded border border-red-700 px-3 py-1 text-red-800">
          {t("withdrawConfirm")}
        </button>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}

/**
 * The project's "Evidence" tab: every file, newest first, each with what it belongs to (`sources`, by file id),
 * filterable by kind through the URL (`filterHrefs`), so the filtered list renders on the server and has an address.
 */
export function EvidenceSection({
  files,
  withdraw,
  filter = "all",
  filterHrefs,
  sources = {},
}: {
  files: SectionFile[];
  withdraw: Action;
  filter?: EvidenceFilter;
  filterHrefs: Record<EvidenceFilter, string>;
  sources?: Record<number, string>;
}) {
  const t = useTranslations("evidence");
  const tTabs = useTranslations("projectTabs");
  const takenLine = useTakenLine();
  const shown = files.filter((file) => filter === "all" || file.kind === filter);
  const count = (kind: EvidenceFilter) => files.filter((file) => kind === "all" || file.kind === kind).length;
  if (files.length === 0) return <p className="mt-2 text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="mt-2 space-y-3" data-testid="evidence-section">
      <nav aria-label={t("filter")} className="flex flex-wrap gap-2 text-sm">
        {(["all", "PHOTO", "DOCUMENT"] as const).map((kind) => (
          <Link
            key={kind}
            href={filterHrefs[kind]}
            scroll={false}
            aria-current={filter === kind ? "true" : undefined}
            className="rounded-full border border-brand px-3 py-1 text-brand aria-[current]:bg-brand aria-[current]:text-white"
            data-testid={`evidence-filter-${kind}`}
          >
            {t(`kinds.${kind}`)} ({count(kind)})
          </Link>
        ))}
      </nav>
      {shown.length === 0 && <p className="text-sm text-slate-600">{tTabs("noneOfKind")}</p>}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {shown.map((file) => (
          <li
            key={file.id}
            className={`rounded border p-2 text-sm ${file.withdrawn ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
            data-testid="evidence-item"
          >
            {file.withdrawn ? <p className="font-semibold">{file.fileName}</p> : <EvidenceGallery files={[file]} />}
            {file.caption && <p className="mt-1">{file.caption}</p>}
            {sources[file.id] && (
              <p className="mt-1 text-xs font-semibold text-slate-700" data-testid="evidence-source">
                {sources[file.id]}
              </p>
            )}
            <p className="mt-1 text-xs text-slate-600">
              {t("uploadedBy", {
                name: file.uploadedBy,
                date: shortDateInKazakhstan(file.createdAt),
              })}
              {/* The gallery shows where and when a photo was taken under its thumbnail; a withdrawn one has none. */}
              {file.kind === "PHOTO" && file.withdrawn && takenLine(file) ? ` · ${takenLine(file)}` : ""}
            </p>
            {file.withdrawn && (
              <p className="mt-1 text-amber-900">
                {t("withdrawnOn", {
                  date: shortDateInKazakhstan(file.withdrawn.at),
                  reason: file.withdrawn.reason,
                })}
              </p>
            )}
            {file.mayWithdraw && <WithdrawForm file={file} withdraw={withdraw} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
