// Download links of a table or list: CSV with the separator the reader's Excel expects (by language), the same CSV
// with the other separator for a differently set-up Excel, and XLSX.
type Props = {
  path: string;
  params: Record<string, string>;
  locale: string;
  /** `download`, when given: the links come in a row of their own after that word ("Download: CSV …"). */
  labels: { otherSeparator: string; download?: string };
};

export function ExportLinks({ path, params, locale, labels }: Props) {
  const other = locale === "en" ? "semicolon" : "comma";
  const href = (extra: Record<string, string>) => `${path}?${new URLSearchParams({ ...params, ...extra })}`;
  const links = (
    <>
      <a href={href({ format: "csv" })} className="text-brand underline">
        CSV
      </a>
      <a href={href({ format: "csv", sep: other })} className="text-brand underline">
        {labels.otherSeparator}
      </a>
      <a href={href({ format: "xlsx" })} className="text-brand underline">
        XLSX
      </a>
    </>
  );
  if (!labels.download) return links;
  return (
    <span className="flex flex-wrap items-baseline gap-3 text-sm" data-testid="export-links">
      <span className="font-semibold">{labels.download}:</span>
      {links}
    </span>
  );
}
