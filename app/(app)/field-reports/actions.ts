"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { acceptFieldReport, rejectFieldReport } from "@/lib/field-reports/field-reports";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";

async function actor() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function acceptFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(await acceptFieldReport(user, formObject(formData), { ip: await clientIp() }), "/field-reports", "fieldReports.accepted");
}

export async function rejectFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(await rejectFieldReport(user, formObject(formData), { ip: await clientIp() }), "/field-reports", "fieldReports.rejected");
}
