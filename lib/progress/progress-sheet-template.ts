import "server-only";
import type ExcelJS from "exceljs";
import type { Actor } from "../auth/permissions";
import type { XlsxSheet } from "../http/xlsx";
import { localizedName, type Locale } from "../i18n/locales";
import { projectListWhere, type TProjectListQuery } from "../projects/list-projects";
import { projectBatches } from "../projects/project-batches";
import { PROJECT_STATUSES } from "../reference-data";
import { isoDate, todayInKazakhstan } from "./calendar";
import { PAUSE_REASONS } from "./progress-input";
import { MAX_SHEET_ROWS, rowKey, SHEET_COLUMNS, type SheetColumn } from "./progress-sheet";

type Translate = (key: string) => string;

const WIDTHS: Record<SheetColumn, number> = {
  code: 16,
  name: 60,
  version: 10,
  status: 22,
  percentComplete: 12,
  quantityDone: 14,
  unit: 12,
  asOf: 12,
  forecastFinish: 14,
  pauseReason: 18,
  comment: 40,
  evidenceUrl: 30,
  rowKey: 14,
};
const column = (key: SheetColumn) => String.fromCharCode(65 + SHEET_COLUMNS.indexOf(key));

/**
 * The progress sheet of the projects in a filtered list, prefilled with their current values and today's date: a
 * user changes the rows of the projects that moved and uploads it back. Status and pause reason are drop-down
 * lists in the user's language; the row key (hidden) lets the import skip rows nobody touched.
 */
export function progressSheet(user: Actor, query: TProjectListQuery, t: Translate, locale: Locale): XlsxSheet {
  const statusLabels = PROJECT_STATUSES.map((status) => t(`statuses.${status}`));
  const reasonLabels = PAUSE_REASONS.map((reason) => t(`pauseReasons.${reason}`));
  const lastRow = MAX_SHEET_ROWS + 1;
  return {
    name: t("progressSheet.sheetName"),
    header: SHEET_COLUMNS.map((key) => t(`progressSheet.columns.${key}`)),
    setup(worksheet: ExcelJS.Worksheet) {
      worksheet.columns = SHEET_COLUMNS.map((key) => ({ key, width: WIDTHS[key], hidden: key === "rowKey" }));
      // exceljs types the validations of single cells only; its sheet-wide list takes ranges such as "D2:D5001".
      const validations = (
        worksheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
      ).dataValidations;
      const list = (labels: string[]) => ({
        type: "list" as const,
        allowBlank: true,
        formulae: [`"${labels.join(",")}"`],
        showErrorMessage: true,
      });
      validations.add(`${column("status")}2:${column("status")}${lastRow}`, list(statusLabels));
      validations.add(`${column("pauseReason")}2:${column("pauseReason")}${lastRow}`, list(reasonLabels));
      validations.add(`${column("percentComplete")}2:${column("percentComplete")}${lastRow}`, {
        type: "whole",
        operator: "between",
        allowBlank: false,
        formulae: [0, 100],
        showErrorMessage: true,
      });
    },
    rows: rows(user, query, t, locale),
  };
}

async function* rows(user: Actor, query: TProjectListQuery, t: Translate, locale: Locale): AsyncGenerator<unknown[]> {
  const today = todayInKazakhstan();
  const select = {
    id: true,
    code: true,
    nameKk: true,
    nameRu: true,
    nameEn: true,
    version: true,
    status: true,
    percentComplete: true,
    quantityDone: true,
    unit: true,
    forecastFinish: true,
    pauseReason: true,
  } as const;
  for await (const batch of projectBatches(await projectListWhere(user, query), select, 500)) {
    for (const project of batch) {
      const values = {
        version: String(project.version),
        status: project.status,
        percentComplete: String(project.percentComplete),
        quantityDone: project.quantityDone === null ? "" : String(Number(project.quantityDone)),
        forecastFinish: project.forecastFinish ? isoDate(project.forecastFinish) : "",
        pauseReason: project.pauseReason ?? "",
        comment: "",
        evidenceUrl: "",
      };
      const cells: Record<SheetColumn, unknown> = {
        code: project.code,
        name: localizedName(project, locale),
        version: project.version,
        status: t(`statuses.${project.status}`),
        percentComplete: project.percentComplete,
        quantityDone: project.quantityDone === null ? null : Number(project.quantityDone),
        unit: project.unit ? t(`units.${project.unit}`) : null,
        asOf: today,
        forecastFinish: values.forecastFinish || null,
        pauseReason: project.pauseReason ? t(`pauseReasons.${project.pauseReason}`) : null,
        comment: null,
        evidenceUrl: null,
        rowKey: rowKey(values),
      };
      yield SHEET_COLUMNS.map((key) => cells[key]);
    }
  }
}
