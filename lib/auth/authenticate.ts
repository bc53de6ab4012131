import "server-only";
import { writeAudit } from "../audit/write-audit";
import { prisma } from "../db";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { startSession } from "./sessions";
import { ZSignInInput } from "./sign-in-schema";
import { releaseAttempt, reserveAttempt } from "./throttle";

export type SignInContext = { ip: string | null; userAgent: string | null };
export type AuthenticatedUser = { id: number; email: string; name: string; sessionId: string };
export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks an email and password and opens a session. Unknown email, wrong password and deactivated account give
 * the same answer after the same hashing work. The attempt is reserved on the throttle counters before the password
 * is checked (lib/auth/throttle.ts), so repeated or parallel failures lock for a while without letting an attacker
 * lock the user out of the addresses they use. A hash from before Argon2id is replaced once the password is known
 * right. Every attempt is audited with its time and address.
 */
export async function authenticate(
  credentials: unknown,
  context: SignInContext = { ip: null, userAgent: null },
): Promise<AuthenticationResult> {
  const parsed = ZSignInInput.safeParse(credentials ?? {});
  if (!parsed.success) {
    await verifyPassword("", null);
    return { ok: false, reason: "invalid" };
  }
  const { email, password } = parsed.data;
  const reserved = await reserveAttempt(email, context.ip);
  if (!reserved.ok) {
    const until = reserved.until;
    await writeAudit(prisma, {
      actorId: null,
      action: "auth.signIn.locked",
      targetType: "account",
      targetId: email,
      ip: context.ip,
      after: { until: until.toISOString() },
    });
    return { ok: false, reason: "locked", until };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !passwordMatches || !user.active) {
    await writeAudit(prisma, {
      actorId: user?.id ?? null,
      action: "auth.signIn.failure",
      targetType: "account",
      targetId: email,
      ip: context.ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await releaseAttempt(reserved.reservation);
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(password);
    // Only if nobody changed the password meanwhile.
    await prisma.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  }
  const sessionId = await startSession(user.id, context);
  await writeAudit(prisma, {
    actorId: user.id,
    action: "auth.signIn.success",
    targetType: "account",
    targetId: email,
    ip: context.ip,
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionId } };
}
