"use server";

import { requireUser } from "@/lib/auth/current-user";
import { acceptFieldReport, rejectFieldReport } from "@/lib/field-reports/field-reports";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";

const actor = () => requireUser();

export async function acceptFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(await acceptFieldReport(user, formObject(formData), { ip: await clientIp() }), "/field-reports", "fieldReports.accepted");
}

export async function rejectFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(await rejectFieldReport(user, formObject(formData), { ip: await clientIp() }), "/field-reports", "fieldReports.rejected");
}
