import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { PeriodReport } from "./period-report";

// The report a PDF is printed from. Generating a report takes ONE snapshot of its figures; the snapshot is both
// stored (saved_reports.figures) and printed, so the PDF can never show figures the snapshot does not: a progress
// save between the two changes neither. The print page (`/reports/print/[token]`) reads the snapshot from
// `report_print_snapshots` instead of building the report again from the live tables. A table, not this server's
// memory, because the renderer opens the request's origin, which behind a load balancer may be another instance.

const HOLD_MS = 5 * 60_000;

/** The report as stored: a JSON round trip, so what is printed is exactly what re-opens later. */
export function reportSnapshot(report: PeriodReport): PeriodReport {
  return JSON.parse(JSON.stringify(report)) as PeriodReport;
}

/** Holds a snapshot for its owner's print and answers the token its print page is opened with. */
export async function holdForPrint(ownerId: number, report: PeriodReport, now = new Date()): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await prisma.$transaction([
    prisma.reportPrintSnapshot.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.reportPrintSnapshot.create({
      data: {
        token,
        ownerId,
        report: report as unknown as Prisma.InputJsonValue,
        expiresAt: new Date(now.getTime() + HOLD_MS),
      },
    }),
  ]);
  return token;
}

/** The held snapshot, for its owner only (anyone else, or an unknown or expired token: null, a 404). */
export async function heldForPrint(ownerId: number, token: string, now = new Date()): Promise<PeriodReport | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const held = await prisma.reportPrintSnapshot.findFirst({ where: { token, ownerId, expiresAt: { gt: now } } });
  return held ? (held.report as unknown as PeriodReport) : null;
}

export async function releasePrint(token: string): Promise<void> {
  await prisma.reportPrintSnapshot.deleteMany({ where: { token } });
}
