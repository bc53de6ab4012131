// Download links of a table or list: CSV with the separator the reader's Excel expects (by language), the same CSV
// with the other separator for a differently set-up Excel, and XLSX.
type Props = {
  path: string;
  params: Record<string, string>;
  locale: string;
  labels: { otherSeparator: string };
};

export function ExportLinks({ path, params, locale, labels }: Props) {
  const other = locale === "en" ? "semicolon" : "comma";
  const href = (extra: Record<string, string>) => `${path}?${new URLSearchParams({ ...params, ...extra })}`;
  return (
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
}
