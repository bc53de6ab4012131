import type { AbstractIntlMessages } from "next-intl";

/**
 * The message namespaces client components read (useTranslations in a "use client" module or a module it imports).
 * Only these go to the browser: NextIntlClientProvider would otherwise serialise every message of the locale
 * (≈ 72 KB in Kazakh) into every page's HTML, which a phone downloads and parses before its first paint (issue 22).
 * tests/unit/client-messages.test.ts scans the client modules and fails when one reads a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "account",
  "app",
  "common",
  "confidence",
  "dashboard",
  "details",
  "errors",
  "evidence",
  "fieldReports",
  "formErrors",
  "header",
  "kinds",
  "milestoneProposals",
  "pauseReasons",
  "progress",
  "progressChange",
  "progressSheet",
  "projectTabs",
  "schedule",
  "signIn",
  "statuses",
  "users",
  "validation",
] as const;

/** The part of a locale's messages that client components need. */
export function clientMessages(messages: AbstractIntlMessages): AbstractIntlMessages {
  return Object.fromEntries(
    CLIENT_NAMESPACES.filter((namespace) => namespace in messages).map((namespace) => [
      namespace,
      messages[namespace]!,
    ]),
  );
}
