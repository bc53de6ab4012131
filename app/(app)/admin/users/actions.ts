"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";
import {
  adminCreateUser,
  adminResetPassword,
  adminSetActive,
  adminSignOutEverywhere,
  adminUpdateUser,
  type PasswordIssued,
} from "@/lib/users/manage-users";

/** A one-time password is shown once, in the answer to the admin who issued it, and stored nowhere in clear. */
async function answerWithPassword(
  result: PasswordIssued,
  messageKey: "users.created" | "users.passwordReset",
  input?: Record<string, FormDataEntryValue>,
): Promise<ActionState> {
  if (!result.ok) return answerAction(result, "/admin/users", "users.saved", input);
  revalidatePath("/admin/users");
  const t = await getTranslations();
  return { status: "saved", message: t(messageKey, { password: result.oneTimePassword }) };
}

export async function createUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const input = formObject(formData);
  return answerWithPassword(await adminCreateUser(user, input, { ip: await clientIp() }), "users.created", input);
}

export async function updateUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const input = formObject(formData);
  return answerAction(
    await adminUpdateUser(user, input, { ip: await clientIp() }),
    "/admin/users",
    "users.saved",
    input,
  );
}

export async function setActiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const input = formObject(formData);
  return answerAction(
    await adminSetActive(user, input, { ip: await clientIp() }),
    "/admin/users",
    input.active === "true" ? "users.reactivated" : "users.deactivated",
  );
}

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return answerWithPassword(
    await adminResetPassword(user, formObject(formData), { ip: await clientIp() }),
    "users.passwordReset",
  );
}

export async function signOutEverywhereAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return answerAction(
    await adminSignOutEverywhere(user, formObject(formData), { ip: await clientIp() }),
    "/admin/users",
    "users.signedOut",
  );
}
