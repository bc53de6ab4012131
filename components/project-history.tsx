import { formatDate } from "@/lib/format/format";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import type { ProjectStatusCode } from "@/lib/reference-data";
import { EvidenceGallery, type GalleryFile } from "./evidence-gallery";
import { StatusBadge } from "./status-badge";

export type HistoryEntry = {
  id: number;
  asOf: Date;
  createdAt: Date;
  status: ProjectStatusCode;
  previousStatus: ProjectStatusCode;
  percentComplete: number;
  previousPercent: number;
  quantityDone: number | null;
  comment: string | null;
  evidenceUrl: string | null;
  pauseReason: string | null;
  author: { name: string };
  reportedBy: { name: string } | null;
};

/** The project's progress timeline, newest first. */
export function ProjectHistory({
  updates,
  unitLabel,
  evidence = {},
}: {
  updates: HistoryEntry[];
  unitLabel: string | null;
  /** Photos and documents by progress update id. */
  evidence?: Record<number, GalleryFile[]>;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale() as Locale;
  if (updates.length === 0) return <p className="mt-2 text-sm text-slate-600">{t("project.historyEmpty")}</p>;
  return (
    <ol className="mt-2 space-y-2" data-testid="history">
      {updates.map((update) => (
        <li key={update.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-center gap-3">
            <time dateTime={update.asOf.toISOString().slice(0, 10)} className="font-semibold">
              {formatDate(locale, update.asOf)}
            </time>
            {update.previousStatus !== update.status ? (
              <span className="flex items-center gap-1">
                <StatusBadge status={update.previousStatus} /> → <StatusBadge status={update.status} />
              </span>
            ) : (
              <StatusBadge status={update.status} />
            )}
            <span className="tabular-nums">
              {update.previousPercent !== update.percentComplete
                ? t("history.percentChange", { from: update.previousPercent, to: update.percentComplete })
                : `${update.percentComplete}%`}
            </span>
            {update.quantityDone !== null && unitLabel && (
              <span className="tabular-nums">
                {format.number(update.quantityDone)} {unitLabel}
              </span>
            )}
            <span className="text-slate-600">{t("history.by", { name: update.author.name })}</span>
            {update.reportedBy && (
              <span className="text-slate-600">· {t("history.reportedBy", { name: update.reportedBy.name })}</span>
            )}
          </div>
          {update.pauseReason && (
            <p className="mt-1 text-slate-700">
              {t("history.pauseReason", { reason: t(`pauseReasons.${update.pauseReason}` as "pauseReasons.OTHER") })}
            </p>
          )}
          {update.comment && <p className="mt-1 whitespace-pre-line text-slate-800">{update.comment}</p>}
          {update.evidenceUrl && (
            <a
              href={update.evidenceUrl}
              rel="noopener noreferrer nofollow"
              target="_blank"
              className="mt-1 inline-block text-brand underline"
            >
              {t("history.evidence")}
            </a>
          )}
          {evidence[update.id] && <EvidenceGallery files={evidence[update.id] ?? []} />}
        </li>
      ))}
    </ol>
  );
}
