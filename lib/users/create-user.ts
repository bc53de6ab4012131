import "server-only";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashPassword } from "../auth/password";
import { prisma } from "../db";
import { OBLAST_CODES } from "../reference-data";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const ZCreateUserInput = z
  .object({
    email: z.string().trim().max(254).pipe(z.email()).transform((email) => email.toLowerCase()),
    name: z.string().trim().min(2).max(200),
    role: z.enum(["ADMIN", "MINISTRY", "AKIMAT", "MANAGER"]),
    oblast: z.enum(OBLAST_CODES).optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
    mustChangePassword: z.boolean().default(false),
  })
  .refine((input) => (input.role === "AKIMAT") === (input.oblast !== undefined), {
    message: "an akimat officer needs exactly one oblast; other roles have none",
    path: ["oblast"],
  });
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`a user with email ${email} already exists`);
    this.name = "DuplicateEmailError";
  }
}

/** Creates an account. `actorId` is null when a deployment script creates the first administrator. */
export async function createUser(input: TCreateUserInput, actorId: number | null) {
  const data = ZCreateUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) throw new DuplicateEmailError(data.email);
    const oblast = data.oblast ? await tx.oblast.findUniqueOrThrow({ where: { code: data.oblast } }) : null;
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, oblastId: oblast?.id ?? null, passwordHash, mustChangePassword: data.mustChangePassword },
    });
    await writeAudit(tx, {
      actorId,
      action: "user.create",
      targetType: "user",
      targetId: String(user.id),
      oblastId: user.oblastId,
      after: { email: user.email, name: user.name, role: user.role, oblast: data.oblast ?? null },
    });
    return user;
  });
}
