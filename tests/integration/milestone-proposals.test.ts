import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { acceptFieldReports } from "@/lib/field-reports/accept-field-reports";
import { listFieldReports } from "@/lib/field-reports/list-field-reports";
import { rejectFieldReport } from "@/lib/field-reports/reject-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { saveMilestone } from "@/lib/schedule/milestones";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";

// An akimat officer proposes milestone changes in a field report; the ministry reviews them with the report.

const today = todayInKazakhstan();
const ip = { ip: "192.0.2.40" };
let project = { id: 0, code: "" };
let other = { id: 0, code: "" };
let milestoneId = 0;
let otherMilestoneId = 0;

async function milestoneState(id: number) {
  const [milestone, changes, audits, proposals, reports, updates] = await Promise.all([
    prisma.milestone.findUniqueOrThrow({ where: { id } }),
    prisma.milestoneChange.count({ where: { milestoneId: id } }),
    prisma.auditLog.count({ where: { targetType: "project", targetId: String(project.id) } }),
    prisma.fieldReportMilestone.count({ where: { milestoneId: id } }),
    prisma.fieldReport.count({ where: { projectId: project.id } }),
    prisma.progressUpdate.count({ where: { projectId: project.id } }),
  ]);
  return { ...milestone, updatedAt: milestone.updatedAt.toISOString(), changes, audits, proposals, reports, updates };
}

const reportInput = (extra: Record<string, unknown>) => ({
  projectCode: project.code,
  status: "PLANNED",
  percentComplete: "0",
  asOf: today,
  comment: "Келісімшарт кестесі ауысты",
  ...extra,
});
const field = (name: string, id = milestoneId) => `milestone.${id}.${name}`;

beforeAll(async () => {
  project = await freshProject("MAN", 0);
  other = await freshProject("MAN", 1);
  const ministry = await actor("ministry@batys.demo");
  const created = await saveMilestone(
    ministry,
    {
      projectCode: project.code,
      type: "CONTRACT_SIGNED",
      baselineDate: "2026-03-01",
      forecastDate: "2026-04-15",
      status: "SCHEDULED",
    },
    ip,
  );
  milestoneId = (created as { milestoneId: number }).milestoneId;
  const otherCreated = await saveMilestone(
    ministry,
    { projectCode: other.code, type: "DESIGN_APPROVED", status: "SCHEDULED" },
    ip,
  );
  otherMilestoneId = (otherCreated as { milestoneId: number }).milestoneId;
});

describe("milestone proposals in field reports", () => {
  it("are judged by the ministry's own milestone schema and rules: the same bad value is refused with the same message, and nothing is stored", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const before = await milestoneState(milestoneId);
    const cases: { values: Record<string, string>; field: string; key: string }[] = [
      { values: { status: "MET", actualDate: "" }, field: "actualDate", key: "actualDateRequired" },
      { values: { status: "MET", actualDate: "2099-01-01" }, field: "actualDate", key: "futureDate" },
      { values: { forecastDate: "2027-02-30" }, field: "forecastDate", key: "invalidDate" },
      { values: { forecastDate: "1999-12-31" }, field: "forecastDate", key: "dateOutOfRange" },
      { values: { status: "DONE" }, field: "status", key: "required" },
    ];
    for (const { values, field: name, key } of cases) {
      const ministryEdit = {
        projectCode: project.code,
        milestoneId: String(milestoneId),
        version: "1",
        type: "CONTRACT_SIGNED",
        baselineDate: "2026-03-01",
        forecastDate: "2026-04-15",
        status: "SCHEDULED",
        ...values,
      };
      expect(await saveMilestone(ministry, ministryEdit, ip)).toMatchObject({ fieldErrors: { [name]: key } });
      const proposal = {
        [field("version")]: "1",
        [field("forecastDate")]: "2026-04-15",
        [field("actualDate")]: "",
        [field("status")]: "SCHEDULED",
        [field("note")]: "",
        ...Object.fromEntries(Object.entries(values).map(([name, value]) => [field(name), value])),
      };
      const refused = await submitFieldReport(officer, reportInput(proposal), ip);
      expect(refused).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { [field(name)]: key } });
    }
    // The progress change and the proposals are judged together: both problems at once.
    const both = await submitFieldReport(
      officer,
      reportInput({ percentComplete: "", [field("version")]: "1", [field("forecastDate")]: "2027-02-30" }),
      ip,
    );
    expect(both).toMatchObject({
      fieldErrors: { percentComplete: "required", [field("forecastDate")]: "invalidDate" },
    });
    // Another project's milestone is no milestone of this one.
    const foreign = await submitFieldReport(
      officer,
      reportInput({
        [`milestone.${otherMilestoneId}.version`]: "1",
        [`milestone.${otherMilestoneId}.status`]: "MET",
        [`milestone.${otherMilestoneId}.actualDate`]: today,
      }),
      ip,
    );
    expect(foreign).toMatchObject({ fieldErrors: { [`milestone.${otherMilestoneId}`]: "unknownMilestone" } });
    expect(await milestoneState(milestoneId)).toEqual(before);
  });

  it("an akimat officer of another oblast cannot propose anything on the project (not found)", async () => {
    const before = await milestoneState(milestoneId);
    const outsider = await actor("akimat.akt@batys.demo");
    const result = await submitFieldReport(
      outsider,
      reportInput({ [field("version")]: "1", [field("forecastDate")]: "2026-06-01", [field("status")]: "SCHEDULED" }),
      ip,
    );
    expect(result).toEqual({ ok: false, reason: "notFound" });
    expect(await milestoneState(milestoneId)).toEqual(before);
  });

  it("a milestone left as it is proposes nothing; a changed one is stored with the version it was made on", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const untouched = await submitFieldReport(
      officer,
      reportInput({
        [field("version")]: "1",
        [field("forecastDate")]: "2026-04-15",
        [field("actualDate")]: "",
        [field("status")]: "SCHEDULED",
        [field("note")]: " ",
      }),
      ip,
    );
    expect(untouched.ok).toBe(true);
    const untouchedId = (untouched as { reportId: number }).reportId;
    expect(await prisma.fieldReportMilestone.count({ where: { fieldReportId: untouchedId } })).toBe(0);
    await rejectFieldReport(await actor("ministry@batys.demo"), { reportId: untouchedId, reason: "Бос есеп" }, ip);
  });

  it("the reviewer sees current → proposed; accepting applies the progress change and the milestone in one go, versioned and audited", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const submitted = await submitFieldReport(
      officer,
      reportInput({
        [field("version")]: "1",
        [field("forecastDate")]: "2026-06-30",
        [field("actualDate")]: "",
        [field("status")]: "SCHEDULED",
        [field("note")]: "Тендер қайта өткізілуде",
      }),
      ip,
    );
    expect(submitted.ok).toBe(true);
    const reportId = (submitted as { reportId: number }).reportId;
    const submitAudit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "fieldReport.submit", targetId: String(project.id) },
      orderBy: { id: "desc" },
    });
    expect(submitAudit.after).toMatchObject({ reportId, milestones: [{ milestone: milestoneId }] });

    const queue = await listFieldReports(ministry, { page: 1, oblast: "MAN" });
    const card = queue!.reports.find((report) => report.id === reportId)!;
    expect(card.milestones).toEqual([
      expect.objectContaining({
        milestoneId,
        changedSince: false,
        current: { forecastDate: "2026-04-15", actualDate: null, status: "SCHEDULED" },
        proposed: { forecastDate: "2026-06-30", actualDate: null, status: "SCHEDULED" },
        note: "Тендер қайта өткізілуде",
      }),
    ]);
    expect(card.advice).toEqual({ withdrawn: false, fieldErrors: {} });

    expect(await acceptFieldReport(ministry, { reportId }, ip)).toEqual({ ok: true });
    const milestone = await prisma.milestone.findUniqueOrThrow({
      where: { id: milestoneId },
      include: { changes: { orderBy: { id: "desc" } } },
    });
    expect(milestone).toMatchObject({ version: 2, status: "SCHEDULED" });
    expect(milestone.forecastDate?.toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(milestone.baselineDate?.toISOString().slice(0, 10)).toBe("2026-03-01");
    expect(milestone.changes[0]).toMatchObject({ version: 2, actorId: ministry.id, reason: "Тендер қайта өткізілуде" });
    const report = await prisma.fieldReport.findUniqueOrThrow({
      where: { id: reportId },
      include: { progressUpdate: true },
    });
    expect(report.state).toBe("ACCEPTED");
    // One transaction: the milestone's audit row, the progress update and the acceptance were written together.
    const milestoneAudit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "milestone.update", targetId: String(project.id) },
      orderBy: { id: "desc" },
    });
    expect(milestoneAudit).toMatchObject({ actorId: ministry.id });
    expect(milestoneAudit.after).toMatchObject({
      milestone: milestoneId,
      forecastDate: "2026-06-30",
      fieldReportId: reportId,
    });
    const [transactions] = await withSql((client) =>
      client
        .query<{ count: string }>(
          `SELECT count(DISTINCT xmin::text) AS count FROM (
             SELECT xmin FROM milestone_changes WHERE milestone_id = $1 AND version = 2
             UNION ALL SELECT xmin FROM progress_updates WHERE id = $2
             UNION ALL SELECT xmin FROM audit_logs WHERE id = $3) rows`,
          [milestoneId, report.progressUpdateId, milestoneAudit.id],
        )
        .then((result) => result.rows),
    );
    expect(Number(transactions!.count)).toBe(1);
  });

  it("a milestone changed since the report was written is a conflict the reviewer sees, never a silent overwrite", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const submitted = (await submitFieldReport(
      officer,
      reportInput({
        [field("version")]: "2",
        [field("forecastDate")]: "2026-09-30",
        [field("status")]: "SCHEDULED",
      }),
      ip,
    )) as { ok: true; reportId: number };
    expect(submitted.ok).toBe(true);
    // Meanwhile the ministry moves the milestone itself.
    expect(
      await saveMilestone(
        ministry,
        {
          projectCode: project.code,
          milestoneId: String(milestoneId),
          version: "2",
          type: "CONTRACT_SIGNED",
          baselineDate: "2026-03-01",
          forecastDate: "2026-07-31",
          status: "SCHEDULED",
        },
        ip,
      ),
    ).toMatchObject({ ok: true });
    const before = await milestoneState(milestoneId);
    const queue = await listFieldReports(ministry, { page: 1, oblast: "MAN" });
    const card = queue!.reports.find((report) => report.id === submitted.reportId)!;
    expect(card.milestones[0]).toMatchObject({ changedSince: true, current: { forecastDate: "2026-07-31" } });
    expect(card.advice?.fieldErrors).toEqual({ [`milestone.${milestoneId}`]: "milestoneChangedSinceReport" });

    expect(await acceptFieldReport(ministry, { reportId: submitted.reportId }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { [`milestone.${milestoneId}`]: "milestoneChangedSinceReport" },
    });
    const bulk = await acceptFieldReports(ministry, { reportIds: [submitted.reportId] }, ip);
    expect(bulk).toMatchObject({ ok: true, accepted: 0, refused: [{ reportId: submitted.reportId }] });
    // Nothing changed: the milestone keeps the ministry's date, the project no new update, the report is pending.
    expect(await milestoneState(milestoneId)).toEqual(before);
    expect((await prisma.fieldReport.findUniqueOrThrow({ where: { id: submitted.reportId } })).state).toBe("PENDING");

    // A form opened before the ministry's change is told so when sent, and nothing is stored.
    const stale = await submitFieldReport(
      officer,
      reportInput({ [field("version")]: "2", [field("forecastDate")]: "2026-10-31", [field("status")]: "SCHEDULED" }),
      ip,
    );
    expect(stale).toMatchObject({ fieldErrors: { [`milestone.${milestoneId}`]: "milestoneChangedSinceForm" } });
    expect(await milestoneState(milestoneId)).toEqual(before);

    // Rejecting it changes nothing on the milestone.
    expect(await rejectFieldReport(ministry, { reportId: submitted.reportId, reason: "Кезең өзгерді" }, ip)).toEqual({
      ok: true,
    });
    const after = await milestoneState(milestoneId);
    expect({ ...after, audits: before.audits }).toEqual(before);
  });

  it("keeps proposals append-only in the database", async () => {
    await withSql(async (client) => {
      await expect(client.query("UPDATE field_report_milestones SET note = 'x'")).rejects.toThrow();
      await expect(client.query("DELETE FROM field_report_milestones")).rejects.toThrow();
    });
    expect(await prisma.fieldReportMilestone.count({ where: { milestoneId } })).toBeGreaterThan(0);
  });
});
