import "server-only";
import type { NotificationKind } from "../generated/prisma/enums";
import type { Locale } from "../i18n/locales";
import { notificationHref } from "../notifications/kinds";
import { translatorFor } from "../notifications/render";
import { appBaseUrl, unsubscribeToken, unsubscribeUrl } from "../notifications/unsubscribe-token";

export type ComposedMail = { subject: string; text: string; html: string; headers: Record<string, string> };

export type MailItem = {
  kind: NotificationKind;
  text: string;
  subjectId: number | null;
  projectCode: string | null;
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function link(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

/** RFC 8058 one-click unsubscribe, so mail clients can offer it too. */
function unsubscribeHeaders(userId: number, kind: NotificationKind): Record<string, string> {
  const url = `${appBaseUrl()}/unsubscribe/one-click?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** The mail of one notification, in the recipient's language. */
export function composeSingleMail(userId: number, locale: Locale, item: MailItem): ComposedMail {
  const t = translatorFor(locale);
  const url = `${appBaseUrl()}${notificationHref(item)}`;
  const settings = `${appBaseUrl()}/account/notifications`;
  const kindLabel = t(`kinds.${item.kind}`);
  const unsubscribe = unsubscribeUrl(userId, item.kind);
  const text = [
    item.text,
    "",
    t("mail.open", { url }),
    "",
    "--",
    t("mail.why", { url: settings }),
    t("mail.unsubscribe", { kind: kindLabel, url: unsubscribe }),
  ].join("\n");
  const html = [
    `<p>${escapeHtml(item.text)}</p>`,
    `<p>${link(url, t("mail.open", { url }))}</p>`,
    `<hr><p style="font-size:smaller">${link(settings, t("mail.why", { url: settings }))}<br>`,
    `${link(unsubscribe, t("mail.unsubscribe", { kind: kindLabel, url: unsubscribe }))}</p>`,
  ].join("\n");
  return {
    subject: t("mail.subject", { text: item.text }),
    text,
    html,
    headers: unsubscribeHeaders(userId, item.kind),
  };
}

/** One mail with every notification waiting for the user's daily or weekly digest, grouped by kind. */
export function composeDigest(
  userId: number,
  locale: Locale,
  frequency: "DAILY" | "WEEKLY",
  items: MailItem[],
): ComposedMail {
  const t = translatorFor(locale);
  const settings = `${appBaseUrl()}/account/notifications`;
  const groups = new Map<NotificationKind, MailItem[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  const textParts = [t("mail.digestIntro"), ""];
  const htmlParts = [`<p>${escapeHtml(t("mail.digestIntro"))}</p>`];
  for (const [kind, group] of groups) {
    const label = t(`kinds.${kind}`);
    const unsubscribe = unsubscribeUrl(userId, kind);
    textParts.push(`## ${label}`);
    htmlParts.push(`<h2>${escapeHtml(label)}</h2><ul>`);
    for (const item of group) {
      const url = `${appBaseUrl()}${notificationHref(item)}`;
      textParts.push(`- ${item.text}\n  ${url}`);
      htmlParts.push(`<li>${link(url, item.text)}</li>`);
    }
    textParts.push(t("mail.unsubscribe", { kind: label, url: unsubscribe }), "");
    htmlParts.push(
      `</ul><p style="font-size:smaller">${link(unsubscribe, t("mail.unsubscribe", { kind: label, url: unsubscribe }))}</p>`,
    );
  }
  textParts.push("--", t("mail.why", { url: settings }));
  htmlParts.push(`<hr><p style="font-size:smaller">${link(settings, t("mail.why", { url: settings }))}</p>`);
  const subject = t("mail.digestSubject", { count: items.length, period: t(`mail.period.${frequency}`) });
  return { subject, text: textParts.join("\n"), html: htmlParts.join("\n"), headers: {} };
}
