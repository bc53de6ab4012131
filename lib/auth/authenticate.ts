import "server-only";
import { prisma } from "../db";
import { verifyPassword } from "./password";
import { ZSignInInput } from "./sign-in-schema";

export type AuthenticatedUser = { id: number; email: string; name: string; sessionVersion: number };

/**
 * Checks an email and password. Unknown email, wrong password, deactivated account and malformed input all
 * give the same answer (null) after the same password-hashing work, so the response reveals nothing.
 */
export async function authenticate(credentials: unknown): Promise<AuthenticatedUser | null> {
  const parsed = ZSignInInput.safeParse(credentials ?? {});
  if (!parsed.success) {
    await verifyPassword("", null);
    return null;
  }
  const user = await prisma.user.findUnique({ where: { email: parsed.data.email } });
  const passwordMatches = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
  if (!user || !passwordMatches || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
