"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Signs out through next-auth's own endpoints, as `signOut()` of next-auth/react does (CSRF token, then a POST to
 * /api/auth/signout), without that module: it would add ≈ 12 KB of gzip script to every signed-in page, which a
 * phone downloads and runs before the page settles (issue 22).
 */
async function signOut(callbackUrl: string): Promise<void> {
  const { csrfToken } = (await fetch("/api/auth/csrf").then((response) => response.json())) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  window.location.href = callbackUrl;
}

export function SignOutButton() {
  const t = useTranslations("header");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut("/sign-in").catch(() => setPending(false));
      }}
      className="rounded border border-white/40 px-3 py-1 text-sm text-white hover:bg-white/10"
    >
      {t("signOut")}
    </button>
  );
}
