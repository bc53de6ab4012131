import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { DEMO_PASSWORD } from "@/lib/users/demo-users";

describe("sign-in", () => {
  it("accepts a demo account with its password, whatever the case of the email", async () => {
    const user = await authenticate({ email: "Ministry@Batys.Demo", password: DEMO_PASSWORD });
    expect(user?.email).toBe("ministry@batys.demo");
  });

  it("refuses a wrong password and an unknown email in the same way", async () => {
    expect(await authenticate({ email: "ministry@batys.demo", password: "wrong-password" })).toBeNull();
    expect(await authenticate({ email: "nobody@batys.demo", password: DEMO_PASSWORD })).toBeNull();
  });

  it("refuses empty fields and 10 KB strings without throwing", async () => {
    expect(await authenticate({ email: "", password: "" })).toBeNull();
    expect(await authenticate({ email: `${"a".repeat(10_240)}@x.kz`, password: "b".repeat(10_240) })).toBeNull();
    expect(await authenticate(undefined)).toBeNull();
  });

  it("refuses a deactivated user, and their existing session stops working", async () => {
    const user = await prisma.user.create({
      data: { email: "deactivated@batys.test", name: "Test", role: "MANAGER", passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "manager@batys.demo" } })).passwordHash },
    });
    const signedIn = await authenticate({ email: user.email, password: DEMO_PASSWORD });
    expect(signedIn).not.toBeNull();
    expect(await loadSessionUser({ userId: user.id, sessionVersion: signedIn!.sessionVersion })).not.toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate({ email: user.email, password: DEMO_PASSWORD })).toBeNull();
    expect(await loadSessionUser({ userId: user.id, sessionVersion: signedIn!.sessionVersion })).toBeNull();
  });

  it("a session issued before the account's session version changed no longer works", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "akimat.aty@batys.demo" } });
    expect(await loadSessionUser({ userId: user.id, sessionVersion: user.sessionVersion })).toMatchObject({ role: "AKIMAT", oblastCode: "ATY" });
    expect(await loadSessionUser({ userId: user.id, sessionVersion: user.sessionVersion - 1 })).toBeNull();
    expect(await loadSessionUser({})).toBeNull();
  });

  it("a role change is seen at the next request, not when the token expires", async () => {
    const user = await prisma.user.create({ data: { email: "promoted@batys.test", name: "Test", role: "MANAGER", passwordHash: "x" } });
    expect((await loadSessionUser({ userId: user.id, sessionVersion: 1 }))?.role).toBe("MANAGER");
    await prisma.user.update({ where: { id: user.id }, data: { role: "MINISTRY" } });
    expect((await loadSessionUser({ userId: user.id, sessionVersion: 1 }))?.role).toBe("MINISTRY");
  });
});
