import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { listAudit, parseAuditQuery } from "@/lib/audit/list-audit";
import { authenticate } from "@/lib/auth/authenticate";
import { accountKey, ipKey, pairKey } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { buildPeriodReport } from "@/lib/reports/period-report";
import { parseReportQuery } from "@/lib/reports/report-query";
import { createUser } from "@/lib/users/create-user";
import {
  adminCreateUser,
  adminResetPassword,
  adminSetActive,
  changeOwnPassword,
  listUsersForAdmin,
} from "@/lib/users/manage-users";
import { actor } from "../support/actors";

const PASSWORD = "Маңғыстау түбегі жазда ыстық";

/** A fresh account of its own for each test, so counters and sessions of other tests never mix in. */
async function freshUser(name: string, password = PASSWORD) {
  return createUser(
    { email: `${name}-${Date.now()}@hardening.test`, name: "Hardening Test", role: "MANAGER", password },
    null,
  );
}

const signIn = (email: string, password: string, ip: string | null) =>
  authenticate({ email, password }, { ip, userAgent: "vitest" });

async function auditCount(action: string, targetId: string) {
  return prisma.auditLog.count({ where: { action, targetId } });
}

describe("sign-in throttling reserves each attempt before the password is checked", () => {
  it("20 parallel wrong guesses on one account from one address check the password at most 5 times", async () => {
    const user = await freshUser("race");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => signIn(user.email, `wrong-guess-number-${index}`, "203.0.113.20")),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.reason === "locked")).toHaveLength(15);
    // Each checked password left its failure audit row; the refused ones were never checked.
    expect(await auditCount("auth.signIn.failure", user.email)).toBe(5);
    expect(await auditCount("auth.signIn.locked", user.email)).toBe(15);
    const pair = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: pairKey(user.email, "203.0.113.20") } });
    expect(pair.failures).toBe(5);
    expect(pair.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Even the right password is not checked while the lock lasts.
    expect(await signIn(user.email, PASSWORD, "203.0.113.20")).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("an attacker cannot lock the user out", () => {
  it("failures from addresses the account never used lock those addresses out, never the user's own address", async () => {
    const user = await freshUser("lockout");
    const home = "198.51.100.44";
    expect((await signIn(user.email, PASSWORD, home)).ok).toBe(true);
    // A right password leaves no counter behind (its reservation is given back, not kept as a row of zero).
    expect(await prisma.signInThrottle.count({ where: { key: { contains: user.email } } })).toBe(0);

    // The attacker keeps failing, from one address and then from many new ones (a botnet).
    for (let attempt = 0; attempt < 6; attempt++) await signIn(user.email, `attacker-guess-${attempt}`, "203.0.113.66");
    for (let host = 1; host <= 12; host++)
      await signIn(user.email, `attacker-guess-x${host}`, `203.0.113.${100 + host}`);
    const account = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } });
    expect(account.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // A new address is refused even with the right password while the account-wide lock lasts...
    expect(await signIn(user.email, PASSWORD, "203.0.113.200")).toMatchObject({ ok: false, reason: "locked" });
    // ...and the attack never touched the counter of the user's own address, who signs in from it at once.
    expect(await prisma.signInThrottle.findUnique({ where: { key: pairKey(user.email, home) } })).toBeNull();
    const before = await auditCount("auth.signIn.success", user.email);
    expect((await signIn(user.email, PASSWORD, home)).ok).toBe(true);
    expect(await auditCount("auth.signIn.success", user.email)).toBe(before + 1);
    // The account-wide lock still holds for the attacker's addresses.
    expect(await signIn(user.email, PASSWORD, "203.0.113.66")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("one address failing against many accounts is locked for accounts that never used it, not for its own users", async () => {
    const shared = "192.0.2.150";
    const colleague = await freshUser("colleague");
    expect((await signIn(colleague.email, PASSWORD, shared)).ok).toBe(true);
    for (let target = 0; target < 30; target++) await signIn(`sprayed-${target}@nobody.test`, "Password123456", shared);
    const address = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: ipKey(shared) } });
    expect(address.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const stranger = await freshUser("stranger");
    expect(await signIn(stranger.email, PASSWORD, shared)).toMatchObject({ ok: false, reason: "locked" });
    expect((await signIn(colleague.email, PASSWORD, shared)).ok).toBe(true);
  });
});

describe("passwords", () => {
  it("every character counts: two long passwords sharing their first 72 bytes are different passwords", async () => {
    const common = "Ақтөбе облысындағы жолдар жөндеу жұмыстары"; // 72+ bytes in UTF-8
    expect(Buffer.byteLength(common)).toBeGreaterThanOrEqual(72);
    const user = await freshUser("long", `${common} бірінші нұсқа`);
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await signIn(user.email, `${common} екінші нұсқа`, null)).toEqual({ ok: false, reason: "invalid" });
    expect((await signIn(user.email, `${common} бірінші нұсқа`, null)).ok).toBe(true);
  });

  it("a bcrypt hash from before still signs in once and is replaced by an Argon2id hash", async () => {
    const user = await freshUser("legacy");
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash(PASSWORD, 4) } });
    expect((await signIn(user.email, PASSWORD, null)).ok).toBe(true);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect((await signIn(user.email, PASSWORD, null)).ok).toBe(true);
    expect(await signIn(user.email, "not-the-password", null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("the change-password form throttles guesses of the current password like sign-in", async () => {
    const user = await freshUser("change");
    const context = { ip: "203.0.113.77" };
    const change = (currentPassword: string) =>
      changeOwnPassword(
        user,
        { currentPassword, newPassword: "Жаңа құпиясөз өте ұзын", confirmPassword: "Жаңа құпиясөз өте ұзын" },
        context,
      );
    for (let guess = 0; guess < 5; guess++)
      expect(await change(`guess-${guess}`)).toMatchObject({
        fieldErrors: { currentPassword: "currentPasswordWrong" },
      });
    // The sixth try is refused before the password is checked, even the right one, and nothing changes.
    expect(await change(PASSWORD)).toMatchObject({ fieldErrors: { currentPassword: "tooManyAttempts" } });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toBe(user.passwordHash);
    expect(await auditCount("user.changePassword", String(user.id))).toBe(0);
  });
});

describe("bad values never reach the database", () => {
  it("two parallel creations of one email: one account, the other gets 'email already in use'", async () => {
    const admin = await actor("admin@batys.demo");
    const email = `twin-${Date.now()}@hardening.test`;
    const results = await Promise.all(
      [1, 2].map(() => adminCreateUser(admin, { email, name: "Екі Егіз", role: "MANAGER" }, { ip: null })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { email: "emailTaken" },
    });
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    const created = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await auditCount("user.create", String(created.id))).toBe(1);
  });

  it("a NUL byte in a search or filter is ignored, not sent to PostgreSQL", async () => {
    const ministry = await actor("ministry@batys.demo");
    const admin = await actor("admin@batys.demo");
    const all = await listProjects(ministry, parseProjectListQuery({}));
    const withNul = await listProjects(ministry, parseProjectListQuery({ q: "\u0000" }));
    expect(withNul.total).toBe(all.total);
    await expect(listProjects(ministry, parseProjectListQuery({ q: "жол\u0000" }))).resolves.toBeTruthy();
    await expect(listUsersForAdmin(admin, { q: "\u0000" })).resolves.toBeTruthy();
    await expect(listAudit(admin, parseAuditQuery({ user: "\u0000", project: "\u0000" }))).resolves.toBeTruthy();
  });

  it("impossible and extreme days in a report period or an audit filter fall back instead of failing", async () => {
    const manager = await actor("manager@batys.demo");
    for (const [from, to] of [
      ["2026-02-30", "2026-03-31"],
      ["0001-01-01", "9999-12-31"],
      ["2026-13-01", "+275760-09-13"],
    ]) {
      const query = parseReportQuery({ from, to });
      expect(query.from >= "2000-01-01" && query.to <= "2100-12-31", `${from}…${to}`).toBe(true);
      await expect(buildPeriodReport(manager, query)).resolves.toBeTruthy();
      const audit = parseAuditQuery({ from, to });
      expect(audit.from).toBeUndefined();
      await expect(listAudit(manager, audit)).resolves.toBeTruthy();
    }
  });

  it("user ids beyond int4 are unknown users, and nothing changes", async () => {
    const admin = await actor("admin@batys.demo");
    const before = await prisma.auditLog.count();
    for (const userId of ["2147483648", "99999999999999999999", "1e10", "-1", "1.5", "\u0000"]) {
      expect(await adminSetActive(admin, { userId, active: "false" }, { ip: null }), userId).toMatchObject({
        ok: false,
      });
      expect(await adminResetPassword(admin, { userId }, { ip: null }), userId).toMatchObject({ ok: false });
    }
    expect(await prisma.auditLog.count()).toBe(before);
  });
});
