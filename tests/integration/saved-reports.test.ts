import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { buildPeriodReport, type PeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery } from "@/lib/reports/report-query";
import { heldForPrint, holdForPrint, releasePrint } from "@/lib/reports/print-snapshots";
import { listSavedReports, openSavedReport, saveReport } from "@/lib/reports/saved-reports";
import { actor, freshProject } from "../support/actors";
import { withOwnerSql, withSql } from "../support/database";

// "Q3 2026 as sent": a saved report keeps its parameters, its figures and its PDF bytes, and opens unchanged after
// the history of its period has changed. The PDF here is a stand-in made from the figures plus random bytes (the
// real Chromium print is covered by the e2e test and pdf-queue.test.ts): what matters is that the stored bytes come
// back, not how they were drawn.
const q3 = (scope = "ATY") => parseReportQuery({ scope, from: "2026-07-01", to: "2026-09-30" });
const stand_in = async (report: PeriodReport) =>
  new Uint8Array(Buffer.concat([Buffer.from(`%PDF-1.7 ${JSON.stringify(report.end)}`), randomBytes(64)]));

let projectCode = "";

beforeAll(async () => {
  projectCode = (await freshProject("ATY")).code;
});

async function completeDuringQ3(code: string) {
  const project = await prisma.project.findUniqueOrThrow({ where: { code } });
  const author = await prisma.user.findUniqueOrThrow({ where: { email: "ministry@batys.demo" } });
  await withSql(async (sql) => {
    await sql.query(
      `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent,
         as_of, comment, created_at)
       VALUES ($1, $2, 'COMPLETED', 'PLANNED', 100, 0, '2026-08-15', 'finished late in the books', '2026-08-15 12:00+05')`,
      [project.id, author.id],
    );
    await sql.query(
      "UPDATE projects SET status = 'COMPLETED', percent_complete = 100, version = version + 1 WHERE id = $1",
      [project.id],
    );
  });
}

describe("saved reports", () => {
  it("re-open exactly as they were saved after the period's history changes: same figures, same PDF bytes", async () => {
    const manager = await actor("manager@batys.demo");
    const saved = (await saveReport(manager, q3(), "ru", stand_in))!;
    expect(saved.id).toBeGreaterThan(0);
    const before = (await openSavedReport(manager, saved.id))!;
    expect(before.report).toEqual(JSON.parse(JSON.stringify(saved.report)));
    expect(Buffer.from(before.pdf).equals(Buffer.from(saved.pdf))).toBe(true);

    // Someone records, afterwards, a completion dated inside Q3: the period's report built today now differs…
    await completeDuringQ3(projectCode);
    const rebuilt = (await buildPeriodReport(manager, q3()))!;
    expect(rebuilt.end.completed).toBe(saved.report.end.completed + 1);
    expect(rebuilt.completedInPeriod.map((change) => change.code)).toContain(projectCode);

    // …but the report as sent does not.
    const after = (await openSavedReport(manager, saved.id))!;
    expect(after.report).toEqual(before.report);
    expect(after.report.end.completed).toBe(saved.report.end.completed);
    expect(after.report.completedInPeriod.map((change) => change.code)).not.toContain(projectCode);
    expect(Buffer.from(after.pdf).equals(Buffer.from(saved.pdf))).toBe(true);
    expect(after.pdfSha256).toBe(createHash("sha256").update(saved.pdf).digest("hex"));
    expect(after).toMatchObject({ scope: "ATY", from: "2026-07-01", to: "2026-09-30", locale: "ru" });

    const audit = await prisma.auditLog.findFirst({ where: { action: "report.saved", targetId: String(saved.id) } });
    expect(audit).toMatchObject({ actorId: manager.id, targetType: "saved_report" });
  });

  it("a progress save between the snapshot and the print changes neither the saved figures nor the PDF", async () => {
    const manager = await actor("manager@batys.demo");
    const code = (await freshProject("ATY")).code;
    let printed: PeriodReport | null = null;
    const saved = (await saveReport(manager, q3(), "kk", async (report) => {
      // The snapshot is taken; someone saves progress before Chromium opens the print page…
      await completeDuringQ3(code);
      // …and the print page (app/(app)/reports/print/[token]) renders what is held for the print, as its owner.
      const token = await holdForPrint(manager.id, report);
      try {
        printed = await heldForPrint(manager.id, token);
        expect(await heldForPrint(manager.id + 1, token)).toBeNull();
      } finally {
        await releasePrint(token);
      }
      expect(await heldForPrint(manager.id, token)).toBeNull();
      return new Uint8Array(Buffer.from(`%PDF-1.7 ${JSON.stringify(printed)}`));
    }))!;
    // The live report now counts the completion; the PDF and the stored figures, one snapshot, do not.
    const live = (await buildPeriodReport(manager, q3()))!;
    expect(live.completedInPeriod.map((change) => change.code)).toContain(code);
    const reopened = (await openSavedReport(manager, saved.id))!;
    expect(reopened.report.completedInPeriod.map((change) => change.code)).not.toContain(code);
    expect(reopened.report.end.completed).toBe(live.end.completed - 1);
    expect(printed).toEqual(reopened.report);
    expect(JSON.parse(Buffer.from(reopened.pdf).toString().slice("%PDF-1.7 ".length))).toEqual(reopened.report);
  });

  it("cannot be rewritten or removed: the app role may not ask, and the owner is refused by the trigger", async () => {
    const manager = await actor("manager@batys.demo");
    const saved = (await saveReport(manager, q3("region"), "en", stand_in))!;
    const stored = await withSql(
      async (sql) => (await sql.query("SELECT pdf_sha256 FROM saved_reports WHERE id = $1", [saved.id])).rows[0],
    );
    await withSql(async (sql) => {
      await expect(sql.query("UPDATE saved_reports SET figures = '{}' WHERE id = $1", [saved.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(sql.query("DELETE FROM saved_reports WHERE id = $1", [saved.id])).rejects.toThrow(
        /permission denied/,
      );
    });
    await withOwnerSql(async (sql) => {
      await expect(sql.query("UPDATE saved_reports SET pdf = 'x' WHERE id = $1", [saved.id])).rejects.toThrow(
        /append-only/i,
      );
      await expect(sql.query("DELETE FROM saved_reports WHERE id = $1", [saved.id])).rejects.toThrow(/append-only/i);
    });
    const again = (await openSavedReport(manager, saved.id))!;
    expect(again.pdfSha256).toBe(stored.pdf_sha256);
    expect(Buffer.from(again.pdf).equals(Buffer.from(saved.pdf))).toBe(true);
  });

  it("akimat officers see only their own oblast's saved reports, and save only their oblast's", async () => {
    const manager = await actor("manager@batys.demo");
    const atyrau = await actor("akimat.aty@batys.demo");
    const mangystau = await actor("akimat.man@batys.demo");
    const atyReport = (await saveReport(manager, q3("ATY"), "kk", stand_in))!;
    const regionReport = (await saveReport(manager, q3("region"), "kk", stand_in))!;

    expect(await openSavedReport(atyrau, atyReport.id)).not.toBeNull();
    expect(await openSavedReport(mangystau, atyReport.id)).toBeNull();
    expect(await openSavedReport(atyrau, regionReport.id)).toBeNull();
    const listed = (await listSavedReports(mangystau)).map((entry) => entry.id);
    expect(listed).not.toContain(atyReport.id);
    expect(listed).not.toContain(regionReport.id);
    expect((await listSavedReports(atyrau)).map((entry) => entry.id)).toContain(atyReport.id);
    expect((await listSavedReports(manager)).map((entry) => entry.id)).toEqual(
      expect.arrayContaining([atyReport.id, regionReport.id]),
    );

    // An officer asking for the region's report gets, and saves, their own oblast's.
    const own = (await saveReport(mangystau, q3("region"), "kk", stand_in))!;
    expect(own.report.query.scope).toBe("MAN");
    expect((await openSavedReport(mangystau, own.id))!.scope).toBe("MAN");
    expect(await openSavedReport(atyrau, own.id)).toBeNull();
  });

  it("a saved report that does not exist is simply not found", async () => {
    expect(await openSavedReport(await actor("manager@batys.demo"), 2_000_000_000)).toBeNull();
  });
});
