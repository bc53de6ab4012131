import "server-only";
import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

// Argon2id with the parameters OWASP recommends (19 MiB, 2 passes, 1 lane): every character of a 128-character
// password counts, where bcrypt read only the first 72 bytes (36 Kazakh letters). Hashes made before the change
// are bcrypt; they still verify and are replaced by an Argon2id hash at the user's next sign-in.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, absent at run time)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Compared against when the email is unknown, so an unknown email and a wrong password take the same time.
let timingDecoy: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True for a hash made before Argon2id (bcrypt): replace it once the password is known to be right. */
export function needsRehash(storedHash: string): boolean {
  return !storedHash.startsWith("$argon2id$");
}

export async function verifyPassword(password: string, storedHash: string | null): Promise<boolean> {
  if (storedHash?.startsWith("$2")) return bcrypt.compare(password, storedHash);
  timingDecoy ??= hashPassword("batys-timing-decoy");
  const target = storedHash ?? (await timingDecoy);
  try {
    const matches = await verify(target, password);
    return storedHash !== null && matches;
  } catch {
    // A malformed stored hash never lets anyone in.
    return false;
  }
}
