import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/current-user";
import { revokeAllSessions, SESSION_IDLE_MINUTES, touchSession } from "@/lib/auth/sessions";
import { pairKey } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db";
import { DEMO_PASSWORD } from "@/lib/users/demo-users";

const context = { ip: "198.51.100.7", userAgent: "vitest" };

async function signIn(email: string, password = DEMO_PASSWORD) {
  const result = await authenticate({ email, password }, context);
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  return result.user;
}

describe("sign-in", () => {
  it("accepts a demo account with its password, whatever the case of the email, and audits it with the address", async () => {
    const user = await signIn("Ministry@Batys.Demo");
    expect(user.email).toBe("ministry@batys.demo");
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "auth.signIn.success", actorId: user.id },
      orderBy: { id: "desc" },
    });
    expect(audit.ip).toBe("198.51.100.7");
  });

  it("refuses a wrong password and an unknown email in the same way, and audits both", async () => {
    const before = await prisma.auditLog.count({ where: { action: "auth.signIn.failure" } });
    expect(await authenticate({ email: "manager@batys.demo", password: "wrong-password" }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate({ email: "nobody@batys.demo", password: DEMO_PASSWORD }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await prisma.auditLog.count({ where: { action: "auth.signIn.failure" } })).toBe(before + 2);
  });

  it("refuses empty fields and 10 KB strings without throwing", async () => {
    expect(await authenticate({ email: "", password: "" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: `${"a".repeat(10_240)}@x.kz`, password: "b".repeat(10_240) })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(undefined)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated user, and their existing session stops working at the next request", async () => {
    const hash = (await prisma.user.findUniqueOrThrow({ where: { email: "manager@batys.demo" } })).passwordHash;
    const created = await prisma.user.create({
      data: { email: "deactivated@batys.test", name: "Test", role: "MANAGER", passwordHash: hash },
    });
    const user = await signIn(created.email);
    expect(await loadSessionUser({ userId: user.id, sessionId: user.sessionId })).not.toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadSessionUser({ userId: user.id, sessionId: user.sessionId })).toBeNull();
    expect(await authenticate({ email: created.email, password: DEMO_PASSWORD }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("a role change is seen at the next request, not when the token expires", async () => {
    const hash = (await prisma.user.findUniqueOrThrow({ where: { email: "manager@batys.demo" } })).passwordHash;
    const created = await prisma.user.create({
      data: { email: "promoted@batys.test", name: "Test", role: "MINISTRY", passwordHash: hash },
    });
    const user = await signIn(created.email);
    expect((await loadSessionUser({ userId: user.id, sessionId: user.sessionId }))?.role).toBe("MINISTRY");
    await prisma.user.update({ where: { id: user.id }, data: { role: "MANAGER" } });
    expect((await loadSessionUser({ userId: user.id, sessionId: user.sessionId }))?.role).toBe("MANAGER");
  });

  it("signing out everywhere ends every open session of the user", async () => {
    // Other files fail sign-ins on purpose from the same address: start this one with no lock in the way.
    await prisma.signInThrottle.deleteMany({});
    const first = await signIn("akimat.aty@batys.demo");
    const second = await signIn("akimat.aty@batys.demo");
    expect(await revokeAllSessions(first.id)).toBeGreaterThanOrEqual(2);
    expect(await loadSessionUser({ userId: first.id, sessionId: first.sessionId })).toBeNull();
    expect(await loadSessionUser({ userId: second.id, sessionId: second.sessionId })).toBeNull();
  });

  it("a session ends after the idle timeout and cannot be used for another user", async () => {
    const user = await signIn("akimat.akt@batys.demo");
    const later = new Date(Date.now() + (SESSION_IDLE_MINUTES + 1) * 60_000);
    expect(await touchSession(user.sessionId, user.id)).toBe(true);
    expect(await touchSession(user.sessionId, user.id, later)).toBe(false);
    const other = await prisma.user.findUniqueOrThrow({ where: { email: "admin@batys.demo" } });
    expect(await loadSessionUser({ userId: other.id, sessionId: user.sessionId })).toBeNull();
    expect(await loadSessionUser({ userId: user.id })).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it("locks an account from an address after repeated failures, for longer each time, and the lock lives in the database", async () => {
    const email = "akimat.man@batys.demo";
    const ip = { ip: "203.0.113.50", userAgent: null };
    const key = pairKey(email, ip.ip);
    for (let attempt = 0; attempt < 5; attempt++) await authenticate({ email, password: "wrong-password-1" }, ip);
    const locked = await authenticate({ email, password: DEMO_PASSWORD }, ip);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    const firstLock = (await prisma.signInThrottle.findUniqueOrThrow({ where: { key } })).lockedUntil!;
    // The lock lives in PostgreSQL: a restarted app server (a fresh connection pool) still refuses.
    await prisma.$disconnect();
    expect(await authenticate({ email, password: DEMO_PASSWORD }, ip)).toMatchObject({ ok: false, reason: "locked" });
    // An expired lock lets the user try again; one more failure locks for longer.
    await prisma.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await authenticate({ email, password: "wrong-password-2" }, ip)).toEqual({ ok: false, reason: "invalid" });
    const secondLock = (await prisma.signInThrottle.findUniqueOrThrow({ where: { key } })).lockedUntil!;
    expect(secondLock.getTime() - Date.now()).toBeGreaterThan(firstLock.getTime() - Date.now());
    expect(secondLock.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(
      await prisma.auditLog.count({ where: { action: "auth.signIn.locked", targetId: email } }),
    ).toBeGreaterThanOrEqual(1);
    // The real user gets in once the lock has passed, and the counter of this address starts again.
    await prisma.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await authenticate({ email, password: DEMO_PASSWORD }, ip)).ok).toBe(true);
    expect(await prisma.signInThrottle.findUnique({ where: { key } })).toBeNull();
  });
});
