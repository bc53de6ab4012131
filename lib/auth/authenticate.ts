import "server-only";
import { writeAudit } from "../audit/write-audit";
import { prisma } from "../db";
import { verifyPassword } from "./password";
import { startSession } from "./sessions";
import { ZSignInInput } from "./sign-in-schema";
import { accountKey, clearFailures, ipKey, lockedUntil, recordFailure } from "./throttle";

export type SignInContext = { ip: string | null; userAgent: string | null };
export type AuthenticatedUser = { id: number; email: string; name: string; sessionId: string };
export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks an email and password and opens a session. Unknown email, wrong password and deactivated account give
 * the same answer after the same hashing work; repeated failures lock the account and the address for a while.
 * Every attempt is audited with its time and address.
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
  const keys = [accountKey(email), ...(context.ip ? [ipKey(context.ip)] : [])];
  const until = await lockedUntil(keys);
  if (until) {
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
    await recordFailure(keys);
    await writeAudit(prisma, {
      actorId: user?.id ?? null,
      action: "auth.signIn.failure",
      targetType: "account",
      targetId: email,
      ip: context.ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(accountKey(email));
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
