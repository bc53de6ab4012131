"use server";

import { requireUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";
import { saveBlocker } from "@/lib/schedule/blockers";
import { saveMilestone } from "@/lib/schedule/milestones";

// Milestones and blockers: each action re-reads the user; the service validates the raw form and checks
// permissions, role and oblast itself.
const projectPath = (input: Record<string, FormDataEntryValue>) => `/projects/${String(input.projectCode ?? "")}`;

export async function saveMilestoneAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const input = formObject(formData);
  return answerAction(
    await saveMilestone(user, input, { ip: await clientIp() }),
    projectPath(input),
    "schedule.milestoneSaved",
  );
}

export async function saveBlockerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const input = formObject(formData);
  return answerAction(
    await saveBlocker(user, input, { ip: await clientIp() }),
    projectPath(input),
    "schedule.blockerSaved",
  );
}
