import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { OBLAST_CODES } from "../reference-data";

export const ROLES = ["ADMIN", "MINISTRY", "AKIMAT", "MANAGER"] as const;

/** Who an account is: shared by account creation and editing. Message keys under `users.errors`. */
export const ZAccountFields = z.object({
  name: z.string("required").trim().min(2, "nameTooShort").max(200, "tooLong"),
  role: z.enum(ROLES, "unknownRole"),
  oblast: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.enum(OBLAST_CODES, "unknownOblast").optional(),
  ),
});

/** An akimat officer needs exactly one oblast; every other role has none. */
export function oblastMatchesRole(input: { role: string; oblast?: string | undefined }): boolean {
  return (input.role === "AKIMAT") === (input.oblast !== undefined);
}

export const ZCreateUserInput = ZAccountFields.extend({
  email: z
    .string("required")
    .trim()
    .max(254, "tooLong")
    .pipe(z.email("invalidEmail"))
    .transform((email) => email.toLowerCase()),
  password: newPasswordSchema(),
  mustChangePassword: z.boolean().default(false),
}).refine(oblastMatchesRole, { message: "oblastForAkimatOnly", path: ["oblast"] });
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`a user with email ${email} already exists`);
    this.name = "DuplicateEmailError";
  }
}

/** A random one-time password, shown once to whoever creates or resets the account. */
export function oneTimePassword(): string {
  return crypto.randomBytes(12).toString("base64url");
}

/** Creates an account. `actorId` is null when a deployment script creates the first administrator. */
export async function createUser(
  input: TCreateUserInput,
  actorId: number | null,
  context: { ip: string | null } = { ip: null },
) {
  const data = ZCreateUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await insertUser(data, passwordHash, actorId, context);
  } catch (error) {
    // Two admins creating one email at the same moment: both pass the check, the unique index refuses the second.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DuplicateEmailError(data.email);
    throw error;
  }
}

function insertUser(
  data: z.output<typeof ZCreateUserInput>,
  passwordHash: string,
  actorId: number | null,
  context: { ip: string | null },
) {
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) throw new DuplicateEmailError(data.email);
    const oblast = data.oblast ? await tx.oblast.findUniqueOrThrow({ where: { code: data.oblast } }) : null;
    const user = await tx.user.create({
      data: {
        email: data.email,
        name: data.name,
        role: data.role,
        oblastId: oblast?.id ?? null,
        passwordHash,
        mustChangePassword: data.mustChangePassword,
      },
    });
    await writeAudit(tx, {
      actorId,
      action: "user.create",
      targetType: "user",
      targetId: String(user.id),
      oblastId: user.oblastId,
      after: { email: user.email, name: user.name, role: user.role, oblast: data.oblast ?? null },
      ip: context.ip,
    });
    return user;
  });
}
