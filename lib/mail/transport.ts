import "server-only";
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

// Mail leaves through SMTP when SMTP_URL is set (smtp://user:pass@host:587, smtps://… for TLS); otherwise, as in
// the embedded demo, each mail is written as an .eml file to MAIL_DIR (default .data/mail) and listed on
// /admin/mail.

export type OutgoingMail = {
  id: bigint;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

export const DEFAULT_MAIL_FROM = "Batys Tracker <no-reply@batys-tracker.local>";

export function mailFrom(): string {
  return process.env.MAIL_FROM || DEFAULT_MAIL_FROM;
}

export function mailDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MAIL_DIR || path.join(process.cwd(), ".data", "mail"));
}

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

const globalForMail = globalThis as unknown as { batysSmtp?: { url: string; transporter: Transporter } };

function smtpTransport(url: string): Transporter {
  if (globalForMail.batysSmtp?.url !== url) {
    globalForMail.batysSmtp?.transporter.close();
    globalForMail.batysSmtp = { url, transporter: nodemailer.createTransport(url) };
  }
  return globalForMail.batysSmtp.transporter;
}

/**
 * The Message-ID is derived from the queue row, so a mail that had to be sent again after a crash (sent, but the
 * "sent" mark not yet written) carries the same id and receiving systems can recognise the duplicate.
 */
function messageOf(mail: OutgoingMail) {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? "batys-tracker.local";
  return {
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // Readable in any tool that shows the raw .eml, whatever the script of the text.
    textEncoding: "quoted-printable" as const,
    headers: mail.headers,
    messageId: `<mail-${mail.id}@${domain}>`,
  };
}

/** Sends one mail; returns the .eml file written when SMTP is not configured. */
export async function transmit(mail: OutgoingMail): Promise<{ filePath: string | null }> {
  const url = process.env.SMTP_URL;
  if (url) {
    await smtpTransport(url).sendMail(messageOf(mail));
    return { filePath: null };
  }
  const composed = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(messageOf(mail));
  const directory = mailDirectory();
  fs.mkdirSync(directory, { recursive: true });
  // Named by the queue row and written through a temporary file: a repeated send overwrites, never duplicates.
  const filePath = path.join(directory, `${String(mail.id).padStart(8, "0")}.eml`);
  const temporary = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, composed.message as Buffer);
  fs.renameSync(temporary, filePath);
  return { filePath };
}
