import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { hashPassword, verifyPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";
import { revokeAllSessions } from "../auth/sessions";
import { releaseAttempt, reserveAttempt } from "../auth/throttle";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { filterText, MAX_INT4 } from "../forms/input-pieces";
import { OBLAST_CODES } from "../reference-data";
import {
  createUser,
  DuplicateEmailError,
  oblastMatchesRole,
  oneTimePassword,
  ROLES,
  ZAccountFields,
} from "./create-user";

type Context = { ip: string | null };
type Failure =
  | { ok: false; reason: "forbidden" | "notFound" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };
export type ManageResult = { ok: true } | Failure;
export type PasswordIssued = { ok: true; userId: number; oneTimePassword: string } | Failure;

const ZUserId = z.object({
  userId: z.coerce.number("unknownUser").int("unknownUser").positive("unknownUser").max(MAX_INT4, "unknownUser"),
});
export const ZAdminCreateUser = ZAccountFields.extend({
  email: z
    .string("required")
    .trim()
    .min(1, "required")
    .max(254, "tooLong")
    .pipe(z.email("invalidEmail"))
    .transform((email) => email.toLowerCase()),
}).refine(oblastMatchesRole, { message: "oblastForAkimatOnly", path: ["oblast"] });
export const ZAdminUpdateUser = ZAccountFields.extend(ZUserId.shape).refine(oblastMatchesRole, {
  message: "oblastForAkimatOnly",
  path: ["oblast"],
});

const invalid = (fieldErrors: FieldErrors): Failure => ({ ok: false, reason: "invalid", fieldErrors });

/**
 * Runs `change` on a user with the administrators locked, refusing any change that would leave the system
 * without an active administrator.
 */
async function withAdminsLocked<T>(
  userId: number,
  change: (
    tx: Prisma.TransactionClient,
    user: { id: number; role: string; active: boolean; oblastId: number | null; email: string; name: string },
    activeAdmins: number,
  ) => Promise<T>,
) {
  return prisma.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<
      { id: number }[]
    >`SELECT id FROM users WHERE role = 'ADMIN' AND active FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) return null;
    return { value: await change(tx, user, admins.length) };
  });
}

export async function adminCreateUser(actor: Actor, raw: unknown, context: Context): Promise<PasswordIssued> {
  if (!can(actor, "user.manage")) return { ok: false, reason: "forbidden" };
  const parsed = ZAdminCreateUser.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const password = oneTimePassword();
  try {
    const user = await createUser({ ...parsed.data, password, mustChangePassword: true }, actor.id, context);
    return { ok: true, userId: user.id, oneTimePassword: password };
  } catch (error) {
    if (error instanceof DuplicateEmailError) return invalid({ email: "emailTaken" });
    throw error;
  }
}

export async function adminUpdateUser(actor: Actor, raw: unknown, context: Context): Promise<ManageResult> {
  if (!can(actor, "user.manage")) return { ok: false, reason: "forbidden" };
  const parsed = ZAdminUpdateUser.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const oblast = input.oblast ? await prisma.oblast.findUniqueOrThrow({ where: { code: input.oblast } }) : null;
  const result = await withAdminsLocked(input.userId, async (tx, user, activeAdmins) => {
    if (user.role === "ADMIN" && user.active && input.role !== "ADMIN" && activeAdmins <= 1)
      return invalid({ role: "lastAdmin" });
    await tx.user.update({
      where: { id: user.id },
      data: { name: input.name, role: input.role, oblastId: oblast?.id ?? null },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      targetType: "user",
      targetId: String(user.id),
      oblastId: oblast?.id ?? user.oblastId,
      ip: context.ip,
      before: { name: user.name, role: user.role, oblastId: user.oblastId },
      after: { name: input.name, role: input.role, oblastId: oblast?.id ?? null },
    });
    return { ok: true } as const;
  });
  return result ? result.value : { ok: false, reason: "notFound" };
}

export async function adminSetActive(actor: Actor, raw: unknown, context: Context): Promise<ManageResult> {
  if (!can(actor, "user.manage")) return { ok: false, reason: "forbidden" };
  const parsed = ZUserId.extend({
    active: z.enum(["true", "false"], "invalid").transform((value) => value === "true"),
  }).safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { userId, active } = parsed.data;
  const result = await withAdminsLocked(userId, async (tx, user, activeAdmins) => {
    if (!active && user.role === "ADMIN" && user.active && activeAdmins <= 1) return invalid({ active: "lastAdmin" });
    if (user.active === active) return { ok: true } as const;
    await tx.user.update({ where: { id: user.id }, data: { active } });
    // A deactivated user's open sessions end now, not when their cookies expire.
    if (!active) await revokeAllSessions(user.id, tx);
    await writeAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      targetType: "user",
      targetId: String(user.id),
      oblastId: user.oblastId,
      ip: context.ip,
      before: { active: user.active },
      after: { active },
    });
    return { ok: true } as const;
  });
  return result ? result.value : { ok: false, reason: "notFound" };
}

/** The admin never chooses the password: a random one-time password is issued and must be changed at sign-in. */
export async function adminResetPassword(actor: Actor, raw: unknown, context: Context): Promise<PasswordIssued> {
  if (!can(actor, "user.manage")) return { ok: false, reason: "forbidden" };
  const parsed = ZUserId.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: parsed.data.userId } });
    if (!user) return false;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    await revokeAllSessions(user.id, tx);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.resetPassword",
      targetType: "user",
      targetId: String(user.id),
      oblastId: user.oblastId,
      ip: context.ip,
    });
    return true;
  });
  return done ? { ok: true, userId: parsed.data.userId, oneTimePassword: password } : { ok: false, reason: "notFound" };
}

export async function adminSignOutEverywhere(actor: Actor, raw: unknown, context: Context): Promise<ManageResult> {
  if (!can(actor, "user.manage")) return { ok: false, reason: "forbidden" };
  const parsed = ZUserId.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const done = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: parsed.data.userId } });
    if (!user) return false;
    const revoked = await revokeAllSessions(user.id, tx);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.signOutEverywhere",
      targetType: "user",
      targetId: String(user.id),
      oblastId: user.oblastId,
      ip: context.ip,
      after: { sessionsEnded: revoked },
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: "notFound" };
}

/** A user changes their own password; the current one is required, and their other sessions end. */
export async function changeOwnPassword(
  user: { id: number; email: string },
  raw: unknown,
  context: Context & { sessionId?: string },
): Promise<ManageResult> {
  const parsed = z
    .object({
      currentPassword: z.string("required").min(1, "required").max(1024, "tooLong"),
      newPassword: newPasswordSchema({ email: user.email }),
      confirmPassword: z.string("required"),
    })
    .refine((input) => input.newPassword === input.confirmPassword, {
      message: "passwordsDiffer",
      path: ["confirmPassword"],
    })
    .refine((input) => input.newPassword !== input.currentPassword, {
      message: "passwordUnchanged",
      path: ["newPassword"],
    })
    .safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  // Guesses of the current password (a session left open on a shared computer) are throttled like sign-in.
  const reserved = await reserveAttempt(user.email, context.ip);
  if (!reserved.ok) return invalid({ currentPassword: "tooManyAttempts" });
  const stored = await prisma.user.findUnique({ where: { id: user.id } });
  if (!stored || !(await verifyPassword(parsed.data.currentPassword, stored.passwordHash))) {
    await writeAudit(prisma, {
      actorId: user.id,
      action: "user.changePassword.failure",
      targetType: "user",
      targetId: String(user.id),
      ip: context.ip,
    });
    return invalid({ currentPassword: "currentPasswordWrong" });
  }
  await releaseAttempt(reserved.reservation);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, ...(context.sessionId ? { id: { not: context.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: "user.changePassword",
      targetType: "user",
      targetId: String(user.id),
      ip: context.ip,
    });
  });
  return { ok: true };
}

const USER_PAGE_SIZE = 25;
export const ZUserListQuery = z.object({
  q: z
    .preprocess((value) => (typeof value === "string" ? value.slice(0, 200) : undefined), filterText().optional())
    .catch(undefined),
  role: z.preprocess((value) => (value === "" ? undefined : value), z.enum(ROLES).optional()).catch(undefined),
  oblast: z.preprocess((value) => (value === "" ? undefined : value), z.enum(OBLAST_CODES).optional()).catch(undefined),
  active: z
    .preprocess((value) => (value === "" ? undefined : value), z.enum(["yes", "no"]).optional())
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** The users list's filters from the URL (malformed ones dropped), and the `where` they make. */
export function userListSelection(rawQuery: Record<string, string | string[] | undefined>) {
  const query = ZUserListQuery.parse(
    Object.fromEntries(Object.entries(rawQuery).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  const term = query.q?.trim();
  const where: Prisma.UserWhereInput = {
    AND: [
      term
        ? {
            OR: [{ email: { contains: term, mode: "insensitive" } }, { name: { contains: term, mode: "insensitive" } }],
          }
        : {},
      query.role ? { role: query.role } : {},
      query.oblast ? { oblast: { code: query.oblast } } : {},
      query.active ? { active: query.active === "yes" } : {},
    ],
  };
  return { query, where, orderBy: USER_ORDER };
}
const USER_ORDER: Prisma.UserOrderByWithRelationInput[] = [{ active: "desc" }, { role: "asc" }, { email: "asc" }];

export async function listUsersForAdmin(actor: Actor, rawQuery: Record<string, string | string[] | undefined>) {
  if (!can(actor, "user.manage")) return null;
  const { query, where } = userListSelection(rawQuery);
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: USER_ORDER,
      skip: (query.page - 1) * USER_PAGE_SIZE,
      take: USER_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        mustChangePassword: true,
        oblast: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } },
      },
    }),
  ]);
  return { query, total, page: query.page, pages: Math.max(1, Math.ceil(total / USER_PAGE_SIZE)), users };
}

export async function getUserForAdmin(actor: Actor, userId: number) {
  if (!can(actor, "user.manage")) return null;
  return prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      mustChangePassword: true,
      createdAt: true,
      oblast: { select: { code: true } },
      sessions: { where: { revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } },
    },
  });
}
