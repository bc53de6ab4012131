import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * NEXTAUTH_SECRET signs session cookies. Deployments set it (the same value on every instance); a local run
 * keeps a random one in the git-ignored data folder so sessions survive restarts.
 */
export function ensureAuthSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
