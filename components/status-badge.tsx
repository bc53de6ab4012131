import { useTranslations } from "next-intl";
import type { ProjectStatusCode } from "@/lib/reference-data";

// One colour per status across the app (see the --color-status-* theme values); the label always goes with it.
export const STATUS_CLASSES: Record<ProjectStatusCode, string> = {
  PLANNED: "bg-status-planned",
  DESIGN: "bg-status-design",
  IN_PROGRESS: "bg-status-in-progress",
  COMPLETED: "bg-status-completed",
  PAUSED: "bg-status-paused",
  CANCELLED: "bg-status-cancelled",
};

export function StatusBadge({ status }: { status: ProjectStatusCode }) {
  const t = useTranslations("statuses");
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800">
      <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${STATUS_CLASSES[status]}`} />
      {t(status)}
    </span>
  );
}
