import "server-only";
import crypto from "node:crypto";
import { prisma } from "../db";

/** Minutes without a request after which a session ends. */
export const SESSION_IDLE_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 30);
/** Hours after sign-in after which a session ends whatever happens. */
export const SESSION_MAX_HOURS = Number(process.env.SESSION_MAX_HOURS ?? 12);
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function startSession(
  userId: number,
  context: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_HOURS * 3_600_000),
      ip: context.ip,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

/**
 * True while the session is neither revoked, nor past its absolute limit, nor idle too long; each use keeps it
 * alive (written at most once a minute, so reads do not turn into a write per request).
 */
export async function touchSession(sessionId: string, userId: number, now: Date = new Date()): Promise<boolean> {
  const session = await prisma.session.findUnique({ where: { id: sessionId } });
  if (!session || session.userId !== userId || session.revokedAt || session.expiresAt <= now) return false;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000) return false;
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return true;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Signs a user out on every device: used by "sign out everywhere", deactivation and password resets. */
export async function revokeAllSessions(userId: number, tx: Pick<typeof prisma, "session"> = prisma): Promise<number> {
  const result = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count;
}
