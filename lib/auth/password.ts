import "server-only";
import bcrypt from "bcryptjs";

const COST = 12;
// Compared against when the email is unknown, so an unknown email and a wrong password take the same time.
const TIMING_DECOY_HASH = bcrypt.hashSync("batys-timing-decoy", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? TIMING_DECOY_HASH);
  return hash !== null && matches;
}
