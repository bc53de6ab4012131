import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import {
  adminCreateUser,
  adminResetPassword,
  adminSetActive,
  adminSignOutEverywhere,
  adminUpdateUser,
  changeOwnPassword,
  listUsersForAdmin,
} from "@/lib/users/manage-users";
import { actor } from "../support/actors";

const ip = { ip: "192.0.2.30" };
const context = { ip: "192.0.2.30", userAgent: "vitest" };

describe("user administration", () => {
  it("an admin creates an akimat officer who signs in with the one-time password and must change it", async () => {
    const admin = await actor("admin@batys.demo");
    const created = await adminCreateUser(
      admin,
      { email: "Officer.One@Atyrau.kz", name: "Ержан Сейітов", role: "AKIMAT", oblast: "ATY" },
      ip,
    );
    expect(created.ok).toBe(true);
    const { userId, oneTimePassword } = created as { ok: true; userId: number; oneTimePassword: string };
    const signedIn = await authenticate({ email: "officer.one@atyrau.kz", password: oneTimePassword }, context);
    expect(signedIn.ok).toBe(true);
    const session = (signedIn as { ok: true; user: { id: number; sessionId: string } }).user;
    expect(await loadSessionUser({ userId, sessionId: session.sessionId })).toMatchObject({
      role: "AKIMAT",
      oblastCode: "ATY",
      mustChangePassword: true,
    });

    expect(
      await changeOwnPassword(
        { id: userId, email: "officer.one@atyrau.kz" },
        { currentPassword: oneTimePassword, newPassword: "password1234", confirmPassword: "password1234" },
        ip,
      ),
    ).toMatchObject({ fieldErrors: { newPassword: "passwordCommon" } });
    expect(
      await changeOwnPassword(
        { id: userId, email: "officer.one@atyrau.kz" },
        { currentPassword: oneTimePassword, newPassword: "short", confirmPassword: "short" },
        ip,
      ),
    ).toMatchObject({ fieldErrors: { newPassword: "passwordTooShort" } });
    expect(
      await changeOwnPassword(
        { id: userId, email: "officer.one@atyrau.kz" },
        {
          currentPassword: "wrong-current-password",
          newPassword: "Жайық өзені көктемде тасиды",
          confirmPassword: "Жайық өзені көктемде тасиды",
        },
        ip,
      ),
    ).toMatchObject({ fieldErrors: { currentPassword: "currentPasswordWrong" } });
    expect(
      await changeOwnPassword(
        { id: userId, email: "officer.one@atyrau.kz" },
        {
          currentPassword: oneTimePassword,
          newPassword: "Жайық өзені көктемде тасиды",
          confirmPassword: "Жайық өзені көктемде тасиды",
        },
        { ...ip, sessionId: session.sessionId },
      ),
    ).toEqual({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).mustChangePassword).toBe(false);
    expect(await loadSessionUser({ userId, sessionId: session.sessionId })).not.toBeNull();
  });

  it("refuses bad account input: empty, 100 KB strings, unknown role or oblast, an oblast for a non-akimat, a taken email", async () => {
    const admin = await actor("admin@batys.demo");
    const before = await prisma.user.count();
    const bad: [Record<string, unknown>, string][] = [
      [{ email: "", name: "X Y", role: "MANAGER" }, "email"],
      [{ email: "a@b.kz", name: "ж".repeat(100_000), role: "MANAGER" }, "name"],
      [{ email: "a@b.kz", name: "X Y", role: "SUPERUSER" }, "role"],
      [{ email: "a@b.kz", name: "X Y", role: "AKIMAT", oblast: "KRG" }, "oblast"],
      [{ email: "a@b.kz", name: "X Y", role: "AKIMAT" }, "oblast"],
      [{ email: "a@b.kz", name: "X Y", role: "MANAGER", oblast: "ATY" }, "oblast"],
      [{ email: "manager@batys.demo", name: "X Y", role: "MANAGER" }, "email"],
    ];
    for (const [input, field] of bad)
      expect(await adminCreateUser(admin, input, ip), JSON.stringify(input).slice(0, 60)).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { [field]: expect.any(String) },
      });
    expect(await prisma.user.count()).toBe(before);
  });

  it("only an admin manages users", async () => {
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "manager@batys.demo" } });
    for (const email of ["ministry@batys.demo", "manager@batys.demo", "akimat.aty@batys.demo"]) {
      const someone = await actor(email);
      expect(await adminCreateUser(someone, { email: "x@y.kz", name: "X Y", role: "ADMIN" }, ip)).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await adminUpdateUser(someone, { userId: target.id, name: "X", role: "ADMIN" }, ip)).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await adminSetActive(someone, { userId: target.id, active: "false" }, ip)).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await adminResetPassword(someone, { userId: target.id }, ip)).toEqual({ ok: false, reason: "forbidden" });
      expect(await listUsersForAdmin(someone, {})).toBeNull();
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      role: "MANAGER",
      active: true,
      name: target.name,
    });
  });

  it("the last active admin cannot be demoted or deactivated", async () => {
    const admin = await actor("admin@batys.demo");
    const otherAdmins = await prisma.user.findMany({ where: { role: "ADMIN", active: true, id: { not: admin.id } } });
    for (const other of otherAdmins) await prisma.user.update({ where: { id: other.id }, data: { active: false } });
    expect(await adminUpdateUser(admin, { userId: admin.id, name: "Әкімші Демо", role: "MANAGER" }, ip)).toMatchObject({
      fieldErrors: { role: "lastAdmin" },
    });
    expect(await adminSetActive(admin, { userId: admin.id, active: "false" }, ip)).toMatchObject({
      fieldErrors: { active: "lastAdmin" },
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMIN",
      active: true,
    });
    const second = (await adminCreateUser(
      admin,
      { email: "second.admin@batys.test", name: "Екінші әкімші", role: "ADMIN" },
      ip,
    )) as { ok: true; userId: number };
    expect(await adminSetActive(admin, { userId: second.userId, active: "false" }, ip)).toEqual({ ok: true });
    for (const other of otherAdmins) await prisma.user.update({ where: { id: other.id }, data: { active: true } });
  });

  it("deactivating, resetting a password and signing out everywhere end the user's open sessions at their next request", async () => {
    const admin = await actor("admin@batys.demo");
    const created = (await adminCreateUser(
      admin,
      { email: "tab.open@batys.test", name: "Ашық бет", role: "MANAGER" },
      ip,
    )) as { ok: true; userId: number; oneTimePassword: string };
    const open = async (password: string) =>
      (
        (await authenticate({ email: "tab.open@batys.test", password }, context)) as {
          ok: true;
          user: { sessionId: string };
        }
      ).user.sessionId;
    let sessionId = await open(created.oneTimePassword);
    expect(await adminSignOutEverywhere(admin, { userId: created.userId }, ip)).toEqual({ ok: true });
    expect(await loadSessionUser({ userId: created.userId, sessionId })).toBeNull();

    sessionId = await open(created.oneTimePassword);
    const reset = (await adminResetPassword(admin, { userId: created.userId }, ip)) as {
      ok: true;
      oneTimePassword: string;
    };
    expect(await loadSessionUser({ userId: created.userId, sessionId })).toBeNull();
    expect((await authenticate({ email: "tab.open@batys.test", password: created.oneTimePassword }, context)).ok).toBe(
      false,
    );

    sessionId = await open(reset.oneTimePassword);
    expect(await adminSetActive(admin, { userId: created.userId, active: "false" }, ip)).toEqual({ ok: true });
    expect(await loadSessionUser({ userId: created.userId, sessionId })).toBeNull();
    expect((await authenticate({ email: "tab.open@batys.test", password: reset.oneTimePassword }, context)).ok).toBe(
      false,
    );
    const actions = (
      await prisma.auditLog.findMany({ where: { targetType: "user", targetId: String(created.userId) } })
    ).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(["user.create", "user.signOutEverywhere", "user.resetPassword", "user.deactivate"]),
    );
  });

  it("lists users with search and filters", async () => {
    const admin = await actor("admin@batys.demo");
    const akimats = await listUsersForAdmin(admin, { role: "AKIMAT", oblast: "ATY" });
    expect(akimats!.users.every((user) => user.role === "AKIMAT" && user.oblast?.code === "ATY")).toBe(true);
    expect((await listUsersForAdmin(admin, { q: "MINISTRY@batys" }))!.users.map((user) => user.email)).toContain(
      "ministry@batys.demo",
    );
  });
});
