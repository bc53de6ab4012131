"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/list-notifications";

/** Marks a notification read and opens what it is about. */
export async function openNotificationAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const opened = await markNotificationRead(user, { id: formData.get("id") });
  revalidatePath("/", "layout");
  redirect(opened?.href ?? "/notifications");
}

export async function markNotificationReadAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  await markNotificationRead(user, { id: formData.get("id") });
  revalidatePath("/", "layout");
}

export async function markAllNotificationsReadAction(): Promise<void> {
  const user = await requireUser();
  await markAllNotificationsRead(user);
  revalidatePath("/", "layout");
}
