import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { rejectFieldReport } from "@/lib/field-reports/reject-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { runWorkerOnce } from "@/lib/jobs/worker";
import { deliverMail } from "@/lib/mail/deliver";
import { runDigests } from "@/lib/notifications/digests";
import { processNotificationEvents } from "@/lib/notifications/fan-out";
import { describeUnsubscribe, unsubscribeWithToken } from "@/lib/notifications/preferences";
import { raiseStaleProjectEvents } from "@/lib/notifications/stale-projects";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/notifications/unsubscribe-token";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { recordProgress } from "@/lib/progress/record-progress";
import { assignResponsibility, bulkAssignResponsibleOfficer, setWatching } from "@/lib/projects/responsibility";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { adminResetPassword, adminSignOutEverywhere } from "@/lib/users/manage-users";
import { actor, freshProject, throwawayActor } from "../support/actors";

// A real SMTP server in this process: the worker's mails go through nodemailer to it, and the tests read what it
// received.
type Received = { to: string[]; raw: string };
let received: Received[] = [];
let rejectNext = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      if (rejectNext > 0) {
        rejectNext -= 1;
        const error = new Error("mailbox busy, try later") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      received.push({
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

const ip = { ip: "192.0.2.90" };
const today = todayInKazakhstan();
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "batys-mail-"));

/** Runs the worker until nothing is left to fan out or send. */
async function drain() {
  for (let pass = 0; pass < 20; pass++) {
    await runWorkerOnce();
    const [events, mails] = await Promise.all([
      prisma.notificationEvent.count({ where: { processedAt: null } }),
      prisma.mailOutbox.count({ where: { status: "PENDING", nextAttemptAt: { lte: new Date() } } }),
    ]);
    if (events === 0 && mails === 0) return;
  }
  throw new Error("the worker did not drain the queue");
}

/** Decodes a received mail's quoted-printable body well enough to search it. */
function decoded(mail: Received): string {
  return mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/(=[0-9A-F]{2})+/g, (match) => Buffer.from(match.replace(/=/g, ""), "hex").toString("utf8"));
}

function subjectOf(mail: Received): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? "";
  const words = [...header.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)];
  if (words.length === 0) return header;
  const bytes = words.map(([, type, text]) =>
    type!.toUpperCase() === "B"
      ? Buffer.from(text!, "base64")
      : Buffer.from(
          text!
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ),
  );
  return Buffer.concat(bytes).toString("utf8");
}

async function notificationsOfEvent(kind: string, subjectId: number | null, projectId?: number) {
  return prisma.notification.findMany({
    where: {
      kind: kind as never,
      event: { ...(subjectId !== null ? { subjectId } : {}), ...(projectId ? { projectId } : {}) },
    },
    orderBy: { userId: "asc" },
  });
}

async function reviewerIds(): Promise<number[]> {
  const users = await prisma.user.findMany({
    where: { active: true, role: { in: ["ADMIN", "MINISTRY"] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return users.map((user) => user.id);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as { port: number }).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.NEXTAUTH_SECRET = "integration-secret-for-unsubscribe-links-0123456789";
  process.env.NEXTAUTH_URL = "http://tracker.test";
  process.env.MAIL_DIR = mailDir;
  // Whatever earlier test files left in the queue is delivered first, so each test sees only its own mail.
  await drain();
  received = [];
});

beforeEach(() => {
  received = [];
  rejectNext = 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  fs.rmSync(mailDir, { recursive: true, force: true });
  delete process.env.SMTP_URL;
});

describe("notifications", () => {
  it("a field report tells each of the oblast's reviewers once, by mail in their language, and nobody else", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    await prisma.user.update({ where: { id: ministry.id }, data: { locale: "ru" } });
    const project = await freshProject("AKT", 11);
    const submitted = (await submitFieldReport(
      officer,
      { projectCode: project.code, status: "DESIGN", percentComplete: 10, asOf: today, comment: "Жоба басталды" },
      ip,
    )) as { ok: true; reportId: number };
    expect(submitted.ok).toBe(true);
    await drain();
    await drain();
    const notes = await notificationsOfEvent("FIELD_REPORT_SUBMITTED", submitted.reportId);
    expect(notes.map((note) => note.userId)).toEqual(await reviewerIds());
    const toMinistry = received.filter((mail) => mail.to.includes("ministry@batys.demo"));
    expect(toMinistry).toHaveLength(1);
    expect(subjectOf(toMinistry[0]!)).toContain(`отправил(а) полевой отчёт по ${project.code}`);
    expect(decoded(toMinistry[0]!)).toContain(`http://tracker.test/field-reports#report-${submitted.reportId}`);
    expect(received.some((mail) => mail.to.some((to) => to.startsWith("akimat.") || to.startsWith("manager")))).toBe(
      false,
    );
    await prisma.user.update({ where: { id: ministry.id }, data: { locale: null } });

    // Accepted: the author is told, once, with a link to the project.
    expect(await acceptFieldReport(ministry, { reportId: submitted.reportId }, ip)).toEqual({ ok: true });
    received = [];
    await drain();
    const accepted = await notificationsOfEvent("FIELD_REPORT_ACCEPTED", submitted.reportId);
    expect(accepted.map((note) => note.userId)).toEqual([officer.id]);
    expect(received.map((mail) => mail.to)).toContainEqual(["akimat.akt@batys.demo"]);
  });

  it("with a responsible officer, only they review; a rejection reaches its author with the reason", async () => {
    const officer = await actor("akimat.man@batys.demo");
    const admin = await actor("admin@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("MAN", 11);
    expect(
      await assignResponsibility(
        admin,
        { projectCode: project.code, officerId: ministry.id, contactIds: [officer.id] },
        ip,
      ),
    ).toEqual({ ok: true });
    expect(await prisma.projectWatcher.count({ where: { projectId: project.id, userId: ministry.id } })).toBe(1);
    const submitted = (await submitFieldReport(
      officer,
      { projectCode: project.code, status: "DESIGN", percentComplete: 5, asOf: today, comment: "Көрдім" },
      ip,
    )) as { ok: true; reportId: number };
    await drain();
    expect((await notificationsOfEvent("FIELD_REPORT_SUBMITTED", submitted.reportId)).map((n) => n.userId)).toEqual([
      ministry.id,
    ]);
    expect(await rejectFieldReport(ministry, { reportId: submitted.reportId, reason: "Фото жоқ" }, ip)).toEqual({
      ok: true,
    });
    received = [];
    await drain();
    expect((await notificationsOfEvent("FIELD_REPORT_REJECTED", submitted.reportId)).map((n) => n.userId)).toEqual([
      officer.id,
    ]);
    const mail = received.find((candidate) => candidate.to.includes("akimat.man@batys.demo"));
    expect(decoded(mail!)).toContain("Фото жоқ");
  });

  it("progress on a watched project tells its watchers, not the author, and not a watcher who may not see it", async () => {
    const ministry = await actor("ministry@batys.demo");
    const zko = await actor("akimat.zko@batys.demo");
    const aty = await actor("akimat.aty@batys.demo");
    const manager = await actor("manager@batys.demo");
    const project = await freshProject("ZKO", 12);
    expect(await setWatching(zko, { projectCode: project.code, watch: true })).toEqual({ ok: true });
    expect(await setWatching(manager, { projectCode: project.code, watch: true })).toEqual({ ok: true });
    expect(await setWatching(ministry, { projectCode: project.code, watch: true })).toEqual({ ok: true });
    // Another oblast's officer cannot watch it (the project is "not found" to them)…
    expect(await setWatching(aty, { projectCode: project.code, watch: true })).toEqual({
      ok: false,
      reason: "notFound",
    });
    // …and a watcher row that exists anyway (say, written before they moved oblast) tells them nothing.
    await prisma.projectWatcher.create({ data: { projectId: project.id, userId: aty.id } });
    const saved = await recordProgress(ministry, {
      projectCode: project.code,
      version: project.version,
      status: "DESIGN",
      percentComplete: 20,
      asOf: today,
    });
    expect(saved.ok).toBe(true);
    await drain();
    const notes = await notificationsOfEvent("PROGRESS_RECORDED", null, project.id);
    expect(notes.map((note) => note.userId).sort()).toEqual([zko.id, manager.id].sort());
    // Progress is a daily digest by default: no mail yet.
    expect(notes.every((note) => note.digest === "DAILY" && note.mailId === null)).toBe(true);
    expect(received).toHaveLength(0);
  });

  it("confidence lowered to red and a slipped forecast finish tell the watchers, with the reason", async () => {
    const admin = await actor("admin@batys.demo");
    const manager = await actor("manager@batys.demo");
    const project = await freshProject("ATY", 12);
    await setWatching(manager, { projectCode: project.code, watch: true });
    await setWatching(admin, { projectCode: project.code, watch: true });
    const details = {
      projectCode: project.code,
      version: project.version,
      baselineFinish: "2027-12-31",
      forecastFinish: "2027-12-31",
    };
    expect((await updateProjectDetails(admin, details, ip)).ok).toBe(true);
    const slipped = await updateProjectDetails(
      admin,
      {
        ...details,
        version: project.version + 1,
        forecastFinish: "2028-06-30",
        confidence: "RED",
        confidenceReason: "Мердігер жоқ",
      },
      ip,
    );
    expect(slipped.ok).toBe(true);
    await drain();
    const red = await notificationsOfEvent("CONFIDENCE_LOWERED", null, project.id);
    const slip = await notificationsOfEvent("FORECAST_SLIPPED", null, project.id);
    // The admin made the change: only the manager is told.
    expect(red.map((note) => note.userId)).toEqual([manager.id]);
    expect(slip.map((note) => note.userId)).toEqual([manager.id]);
    const mails = received.filter((mail) => mail.to.includes("manager@batys.demo"));
    expect(mails).toHaveLength(2);
    expect(mails.map(decoded).join("\n")).toContain("Мердігер жоқ");
  });

  it("a password reset and sign-out everywhere tell the account's owner", async () => {
    const admin = await actor("admin@batys.demo");
    const target = await throwawayActor("AKIMAT", "ATY", "reset-target");
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).email;
    await adminResetPassword(admin, { userId: target.id }, ip);
    await adminSignOutEverywhere(admin, { userId: target.id }, ip);
    await drain();
    const notes = await prisma.notification.findMany({
      where: { userId: target.id, kind: "ACCOUNT_EVENT" },
      include: { event: true },
    });
    expect(notes.map((note) => (note.event.payload as { action: string }).action).sort()).toEqual([
      "user.resetPassword",
      "user.signOutEverywhere",
    ]);
    expect(received.filter((mail) => mail.to.includes(email))).toHaveLength(2);
  });

  it("a project without updates for 90 days tells its officer once, then weekly in the digest", async () => {
    const admin = await actor("admin@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("AKT", 13);
    await assignResponsibility(admin, { projectCode: project.code, officerId: ministry.id, contactIds: [] }, ip);
    const now = new Date();
    await prisma.project.update({
      where: { id: project.id },
      data: { lastProgressAt: new Date(now.getTime() - 100 * 86_400_000) },
    });
    await raiseStaleProjectEvents(now);
    await raiseStaleProjectEvents(now);
    await drain();
    const first = await notificationsOfEvent("PROJECT_STALE", null, project.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ userId: ministry.id, readAt: null, digest: null });
    const inAWeek = new Date(now.getTime() + 8 * 86_400_000);
    await raiseStaleProjectEvents(inAWeek);
    await raiseStaleProjectEvents(inAWeek);
    await processNotificationEvents();
    const all = await notificationsOfEvent("PROJECT_STALE", null, project.id);
    expect(all).toHaveLength(2);
    const reminder = all.find((note) => note.id !== first[0]!.id)!;
    expect(reminder.digest).toBe("WEEKLY");
    expect(reminder.readAt).not.toBeNull();
  });

  it("digests carry every waiting notification once, grouped by kind, after their period ends", async () => {
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const projects = [await freshProject("MAN", 0), await freshProject("MAN", 1)];
    for (const project of projects) {
      await setWatching(manager, { projectCode: project.code, watch: true });
      await recordProgress(ministry, {
        projectCode: project.code,
        version: project.version,
        status: "DESIGN",
        percentComplete: 30,
        asOf: today,
      });
    }
    await drain();
    const waiting = await prisma.notification.findMany({
      where: { userId: manager.id, digest: "DAILY", mailId: null },
    });
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    // Today's notifications wait for tomorrow's digest.
    expect(await runDigests("DAILY", new Date())).toBe(0);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await runDigests("DAILY", tomorrow)).toBeGreaterThanOrEqual(1);
    expect(await runDigests("DAILY", tomorrow)).toBe(0);
    await deliverMail();
    const digests = received.filter((mail) => mail.to.includes("manager@batys.demo"));
    expect(digests).toHaveLength(1);
    const body = decoded(digests[0]!);
    for (const project of projects) expect(body.split(project.code).length - 1).toBeGreaterThanOrEqual(1);
    // One heading for the kind, whatever the number of its items.
    expect(body.split("## Бақылайтын жобаларымның барысы").length - 1).toBe(1);
    expect(
      await prisma.notification.count({ where: { id: { in: waiting.map((note) => note.id) }, mailId: null } }),
    ).toBe(0);
  });

  it("the mail queue survives a worker stopping mid-batch: every mail is sent, none twice", async () => {
    const admin = await actor("admin@batys.demo");
    const target = await actor("akimat.zko@batys.demo");
    for (let index = 0; index < 5; index++) await adminSignOutEverywhere(admin, { userId: target.id }, ip);
    await processNotificationEvents();
    const queued = await prisma.mailOutbox.findMany({ where: { status: "PENDING" }, orderBy: { id: "asc" } });
    expect(queued.length).toBe(5);
    // Worker A sends two, then claims the other three and dies before sending them.
    expect(await deliverMail(2)).toBe(2);
    await prisma.$executeRaw`
      UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1,
        locked_until = CURRENT_TIMESTAMP + interval '1 second'
      WHERE status = 'PENDING'`;
    // Worker B finds nothing while A's lease runs, then takes over.
    expect(await deliverMail()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await deliverMail()).toBe(3);
    expect(await deliverMail()).toBe(0);
    const rows = await prisma.mailOutbox.findMany({ where: { id: { in: queued.map((mail) => mail.id) } } });
    expect(rows.every((row) => row.status === "SENT")).toBe(true);
    const ids = received.map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)?.[1]);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("a mail the server refuses is retried later with backoff, then sent once", async () => {
    const admin = await actor("admin@batys.demo");
    const target = await actor("akimat.akt@batys.demo");
    await adminSignOutEverywhere(admin, { userId: target.id }, ip);
    await processNotificationEvents();
    rejectNext = 1;
    expect(await deliverMail()).toBe(0);
    const failed = await prisma.mailOutbox.findFirstOrThrow({ where: { status: "PENDING" } });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain("busy");
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await deliverMail()).toBe(0);
    await prisma.mailOutbox.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverMail()).toBe(1);
    expect(received).toHaveLength(1);
  });

  it("an unsubscribe link turns off that kind of mail without signing in, and cannot be forged", async () => {
    const admin = await actor("admin@batys.demo");
    const target = await actor("akimat.man@batys.demo");
    await adminSignOutEverywhere(admin, { userId: target.id }, ip);
    await drain();
    const mail = decoded(received.find((candidate) => candidate.to.includes("akimat.man@batys.demo"))!);
    const token = decodeURIComponent(/unsubscribe\?token=([^\s"<>&]+)/.exec(mail)![1]!);
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: target.id, kind: "ACCOUNT_EVENT" });
    expect(await describeUnsubscribe(token)).toMatchObject({ email: "akimat.man@batys.demo" });

    // Forgeries: another user, another kind, a made-up signature, a token signed with another secret.
    const [id, kind, signature] = token.split(".");
    const forged = [
      `${Number(id) + 1}.${kind}.${signature}`,
      `${id}.FIELD_REPORT_REJECTED.${signature}`,
      `${id}.${kind}.${"A".repeat(43)}`,
      "1.ACCOUNT_EVENT",
      "",
    ];
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-secret-another-secret-another";
    forged.push(unsubscribeToken(target.id, "PROGRESS_RECORDED"));
    process.env.NEXTAUTH_SECRET = secret;
    for (const attempt of forged) expect(await unsubscribeWithToken(attempt)).toEqual({ ok: false });
    expect(await prisma.notificationPreference.count({ where: { userId: { in: [target.id, target.id + 1] } } })).toBe(
      0,
    );

    expect(await unsubscribeWithToken(token)).toEqual({ ok: true, kind: "ACCOUNT_EVENT" });
    received = [];
    await adminSignOutEverywhere(admin, { userId: target.id }, ip);
    await drain();
    expect(received).toHaveLength(0);
    // The notification still appears in the app.
    expect(await prisma.notification.count({ where: { userId: target.id, kind: "ACCOUNT_EVENT" } })).toBe(2);
  });

  it("my projects lists what the user is responsible for or watches; bulk assignment follows the list's filters", async () => {
    const admin = await actor("admin@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const query = parseProjectListQuery({ oblast: "ATY", sector: "energy" });
    const before = await listProjects(admin, { ...query, page: 1 });
    expect(await bulkAssignResponsibleOfficer(manager, query, { officerId: ministry.id }, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await bulkAssignResponsibleOfficer(admin, query, { officerId: manager.id }, ip)).toEqual({
      ok: false,
      reason: "invalidOfficer",
    });
    expect(await bulkAssignResponsibleOfficer(admin, query, { officerId: ministry.id }, ip)).toEqual({
      ok: true,
      count: before.total,
    });
    const mine = await listProjects(ministry, {
      ...parseProjectListQuery({ mine: "1", oblast: "ATY", sector: "energy" }),
    });
    expect(mine.total).toBe(before.total);
    expect(mine.projects.every((project) => project.responsibleOfficer?.name)).toBe(true);
  });
});
