"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { formObject } from "@/lib/http/answer-action";
import { savePreferences } from "@/lib/notifications/preferences";

export async function savePreferencesAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const result = await savePreferences(user, formObject(formData));
  revalidatePath("/account/notifications");
  redirect(`/account/notifications?${result.ok ? "saved=1" : "error=1"}`);
}
