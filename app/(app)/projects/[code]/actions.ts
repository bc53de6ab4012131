"use server";

import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { withdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";
import { updateProjectDetails } from "@/lib/progress/project-details";
import { recordProgress } from "@/lib/progress/record-progress";

// Each action re-reads the user from the database; the service validates the raw form and checks permissions.
// A refusal hands back what the user typed, so the form keeps it.
const actor = () => requireUser();

const projectPath = (input: Record<string, FormDataEntryValue>) => `/projects/${String(input.projectCode ?? "")}`;

export async function recordProgressAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const input = formObject(formData);
  return answerAction(
    await recordProgress(user, input, { ip: await clientIp() }),
    projectPath(input),
    "progress.saved",
    input,
  );
}

export async function updateDetailsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const input = formObject(formData);
  return answerAction(
    await updateProjectDetails(user, input, { ip: await clientIp() }),
    projectPath(input),
    "details.saved",
    input,
  );
}

export async function submitFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const input = formObject(formData);
  const result = await submitFieldReport(user, input, { ip: await clientIp() });
  const answer = await answerAction(result, projectPath(input), "fieldReports.submitted", input);
  if (result.ok && result.replacedReportId !== null && answer.status === "saved")
    return { ...answer, notice: (await getTranslations())("progressChange.replacedPending") };
  return answer;
}

export async function withdrawEvidenceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const result = await withdrawEvidence(user, formObject(formData), { ip: await clientIp() });
  return answerAction(result, result.ok ? `/projects/${result.projectCode}` : "", "evidence.withdrawn");
}
