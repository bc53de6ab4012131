import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// NIST SP 800-63B: length, not composition rules; refuse passwords found in breach lists. The list is the
// 49 000 most common passwords maintained by the zxcvbn-ts project.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

let commonPasswords: Set<string> | null = null;
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    (dictionary as Record<string, string[]>)["passwords-common"]!.map((entry) => entry.toLowerCase()),
  );
  return commonPasswords.has(password.toLowerCase());
}

/** A new password: message keys under `account.errors`. */
export function newPasswordSchema(context: { email?: string } = {}) {
  return z
    .string("required")
    .min(MIN_PASSWORD_LENGTH, "passwordTooShort")
    .max(MAX_PASSWORD_LENGTH, "passwordTooLong")
    .refine((password) => !isCommon(password), "passwordCommon")
    .refine((password) => !context.email || password.toLowerCase() !== context.email.toLowerCase(), "passwordIsEmail");
}
