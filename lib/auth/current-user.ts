import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { prisma } from "../db";
import type { Role } from "../generated/prisma/enums";
import { authOptions } from "./auth-options";
import { touchSession } from "./sessions";

export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  oblastId: number | null;
  oblastCode: string | null;
  mustChangePassword: boolean;
};

/**
 * The signed-in user as the database knows them now. The JWT only names the user and the session; role, oblast and
 * the active flag are read fresh, and a revoked, idle or expired session is refused.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  return session ? loadSessionUser(session) : null;
});

export type SessionClaims = { userId?: number; sessionId?: string };

/** The user a session's claims stand for, if the account is still active and the session still valid. */
export async function loadSessionUser(claims: SessionClaims): Promise<CurrentUser | null> {
  if (!claims.userId || !Number.isInteger(claims.userId) || typeof claims.sessionId !== "string") return null;
  const [user, sessionAlive] = await Promise.all([
    prisma.user.findUnique({ where: { id: claims.userId }, include: { oblast: true } }),
    touchSession(claims.sessionId, claims.userId),
  ]);
  if (!user?.active || !sessionAlive) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    oblastId: user.oblastId,
    oblastCode: user.oblast?.code ?? null,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * For pages and server actions: the current user, or a redirect to sign-in. A user holding a one-time password
 * is sent to change it first; only the password page itself passes `allowPendingPasswordChange`.
 */
export async function requireUser(options: { allowPendingPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword && !options.allowPendingPasswordChange) redirect("/account/password");
  return user;
}
