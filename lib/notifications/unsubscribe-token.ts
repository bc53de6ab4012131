import "server-only";
import crypto from "node:crypto";
import type { NotificationKind } from "../generated/prisma/enums";
import { NOTIFICATION_KINDS } from "./kinds";

// An unsubscribe link works without signing in, so the link itself is the proof: it names a user and a kind and
// carries an HMAC of both under the server's secret. Changing either invalidates it; nobody without the secret
// can make one.

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: unsubscribe links cannot be signed");
  return value;
}

function mac(payload: string): string {
  return crypto.createHmac("sha256", secret()).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(userId: number, kind: NotificationKind): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${mac(payload)}`;
}

export type UnsubscribeClaim = { userId: number; kind: NotificationKind };

/** The user and kind a token stands for, or null when it was not made with our secret. */
export function verifyUnsubscribeToken(token: unknown): UnsubscribeClaim | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = /^([1-9][0-9]{0,9})\.([A-Z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, kind, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(`${id}.${kind}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null;
  return { userId: Number(id), kind: kind as NotificationKind };
}

/** The absolute address the app is served at, for links in mails. */
export function appBaseUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
}

export function unsubscribeUrl(userId: number, kind: NotificationKind): string {
  return `${appBaseUrl()}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`;
}
