import { getTranslations } from "next-intl/server";

/** The report's heading: its title, scope and period, and (printed only) when and by whom it was generated. */
export async function ReportHeading({
  scopeName,
  period,
  generated,
}: {
  scopeName: string;
  period: string;
  generated: string;
}) {
  const t = await getTranslations();
  return (
    <header className="mb-4">
      <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
      <p className="text-sm text-slate-700" data-testid="report-heading">
        {scopeName} · {period}
      </p>
      <p className="hidden text-xs text-slate-600 print:block">{generated}</p>
    </header>
  );
}
