import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { prisma } from "../db";
import type { Role } from "../generated/prisma/enums";
import { authOptions } from "./auth-options";

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
 * The signed-in user as the database knows them now. The JWT only says who signed in; role, oblast and the
 * active flag are read fresh, and a session issued before the account's session version changed is refused.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  return session ? loadSessionUser(session) : null;
});

export type SessionClaims = { userId?: number; sessionVersion?: number };

/** The user a session's claims stand for, if the account is still active and the session still valid. */
export async function loadSessionUser(claims: SessionClaims): Promise<CurrentUser | null> {
  if (!claims.userId || !Number.isInteger(claims.userId)) return null;
  const user = await prisma.user.findUnique({ where: { id: claims.userId }, include: { oblast: true } });
  if (!user || !user.active || user.sessionVersion !== claims.sessionVersion) return null;
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

/** For pages: the current user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
