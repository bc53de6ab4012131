import "server-only";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";

export const MAIL_PAGE_SIZE = 50;

/** The outgoing mail, newest first, for administrators (null for anyone else). */
export async function listOutgoingMail(user: Actor, page = 1) {
  if (!can(user, "mail.read")) return null;
  const [total, mails] = await Promise.all([
    prisma.mailOutbox.count(),
    prisma.mailOutbox.findMany({
      orderBy: { id: "desc" },
      skip: (page - 1) * MAIL_PAGE_SIZE,
      take: MAIL_PAGE_SIZE,
      select: {
        id: true,
        toAddress: true,
        subject: true,
        bodyText: true,
        status: true,
        attempts: true,
        createdAt: true,
        sentAt: true,
        lastError: true,
        filePath: true,
      },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / MAIL_PAGE_SIZE)), mails };
}
