import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { type Actor, can, scopedOblastId } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { buildPeriodReport, type PeriodReport } from "./period-report";
import { reportSnapshot } from "./print-snapshots";
import type { TReportQuery } from "./report-query";

// A saved report is what was generated and sent: the parameters, the figures as they were computed (a JSON
// snapshot of the whole period report) and the PDF's bytes, with who and when. The table is append-only (the
// database refuses UPDATE and DELETE), so "Q3 2026 as sent" re-opens byte for byte whatever happens later.

export const ZSavedReportId = z.coerce.number().int().min(1).max(2_147_483_647);

export type SavedReportSummary = {
  id: number;
  createdAt: Date;
  createdBy: string;
  scope: TReportQuery["scope"];
  from: string;
  to: string;
  locale: string;
  pdfBytes: number;
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Builds the period report for `requested` (an akimat officer's is always their oblast's), takes one snapshot of it,
 * renders the PDF FROM THAT SNAPSHOT with `render` (never from the live tables, so a write during the print changes
 * neither) and stores the snapshot and the PDF in one transaction with an audit row. Returns null when the user may
 * not export reports.
 */
export async function saveReport(
  user: Actor,
  requested: TReportQuery,
  locale: string,
  render: (report: PeriodReport) => Promise<Uint8Array>,
  ip: string | null = null,
): Promise<{ id: number; report: PeriodReport; pdf: Uint8Array } | null> {
  if (!can(user, "report.export")) return null;
  const built = await buildPeriodReport(user, requested);
  if (!built) return null;
  const report = reportSnapshot(built);
  const pdf = await render(report);
  const { query } = report;
  const oblast =
    query.scope === "region" ? null : await prisma.oblast.findUniqueOrThrow({ where: { code: query.scope } });
  const own = scopedOblastId(user);
  if (own !== null && oblast?.id !== own) return null;
  const saved = await prisma.$transaction(async (tx) => {
    const row = await tx.savedReport.create({
      data: {
        createdById: user.id,
        oblastId: oblast?.id ?? null,
        periodFrom: dayDate(query.from),
        periodTo: dayDate(query.to),
        locale,
        parameters: query as unknown as Prisma.InputJsonValue,
        figures: report as unknown as Prisma.InputJsonValue,
        pdf: Buffer.from(pdf),
        pdfSha256: createHash("sha256").update(pdf).digest("hex"),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: "report.saved",
      targetType: "saved_report",
      targetId: String(row.id),
      oblastId: oblast?.id ?? null,
      after: { scope: query.scope, from: query.from, to: query.to, kind: query.kind },
      ip,
    });
    return row;
  });
  return { id: saved.id, report, pdf };
}

/** The saved reports the user may open, newest first (an akimat officer: their oblast's only). */
export async function listSavedReports(user: Actor, take = 50): Promise<SavedReportSummary[]> {
  if (!can(user, "report.openSaved")) return [];
  const own = scopedOblastId(user);
  const rows = await prisma.savedReport.findMany({
    where: own === null ? {} : { oblastId: own },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      periodFrom: true,
      periodTo: true,
      locale: true,
      oblast: { select: { code: true } },
      createdBy: { select: { name: true } },
    },
  });
  const sizes = rows.length
    ? await prisma.$queryRaw<{ id: number; bytes: number }[]>`
        SELECT id, octet_length(pdf)::int AS bytes FROM saved_reports WHERE id = ANY(${rows.map((row) => row.id)})`
    : [];
  const size = new Map(sizes.map((row) => [row.id, row.bytes]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy.name,
    scope: (row.oblast?.code ?? "region") as TReportQuery["scope"],
    from: isoDay(row.periodFrom),
    to: isoDay(row.periodTo),
    locale: row.locale,
    pdfBytes: size.get(row.id) ?? 0,
  }));
}

export type SavedReport = SavedReportSummary & { report: PeriodReport; pdf: Uint8Array; pdfSha256: string };

/** One saved report as it was stored, or null when it does not exist or is another oblast's (404, ids do not leak). */
export async function openSavedReport(user: Actor, id: number): Promise<SavedReport | null> {
  const row = await prisma.savedReport.findUnique({
    where: { id },
    include: { oblast: { select: { code: true } }, createdBy: { select: { name: true } } },
  });
  if (!row || !can(user, "report.openSaved", { oblastIds: row.oblastId === null ? [] : [row.oblastId] })) return null;
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy.name,
    scope: (row.oblast?.code ?? "region") as TReportQuery["scope"],
    from: isoDay(row.periodFrom),
    to: isoDay(row.periodTo),
    locale: row.locale,
    pdfBytes: row.pdf.length,
    report: row.figures as unknown as PeriodReport,
    pdf: new Uint8Array(row.pdf),
    pdfSha256: row.pdfSha256,
  };
}
