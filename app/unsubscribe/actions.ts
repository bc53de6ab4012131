"use server";

import { redirect } from "next/navigation";
import { unsubscribeWithToken } from "@/lib/notifications/preferences";

/** The confirmation button of an unsubscribe link: no sign-in, the signed token is the proof. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const result = await unsubscribeWithToken(token);
  redirect(`/unsubscribe?${new URLSearchParams({ token, ...(result.ok ? { done: "1" } : {}) }).toString()}`);
}
