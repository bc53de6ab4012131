"use server";

import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { requireUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";
import { changeOwnPassword } from "@/lib/users/manage-users";

export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser({ allowPendingPasswordChange: true });
  const session = (await getServerSession(authOptions)) as { sessionId?: string } | null;
  const result = await changeOwnPassword(user, formObject(formData), {
    ip: await clientIp(),
    ...(session?.sessionId ? { sessionId: session.sessionId } : {}),
  });
  return answerAction(result, "/", "account.saved");
}
