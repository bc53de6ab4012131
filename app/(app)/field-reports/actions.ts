"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { acceptFieldReports } from "@/lib/field-reports/accept-field-reports";
import { rejectFieldReport } from "@/lib/field-reports/reject-field-report";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";
import { refusalInWords, refusalMessageKey } from "@/lib/http/refusals";

const actor = () => requireUser();

export async function acceptFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const result = await acceptFieldReport(user, formObject(formData), { ip: await clientIp() });
  const answer = await answerAction(result, "/field-reports", "fieldReports.accepted");
  if (!result.ok && result.reason === "invalid" && answer.status === "error")
    return { status: "error", message: refusalInWords(await getTranslations(), result) };
  return answer;
}

export async function rejectFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const input = formObject(formData);
  return answerAction(
    await rejectFieldReport(user, input, { ip: await clientIp() }),
    "/field-reports",
    "fieldReports.rejected",
    input,
  );
}

export async function acceptFieldReportsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  const [result, t] = await Promise.all([
    acceptFieldReports(
      user,
      { reportIds: formData instanceof FormData ? formData.getAll("reportId") : [] },
      { ip: await clientIp() },
    ),
    getTranslations(),
  ]);
  if (!result.ok) return { status: "error", message: t(refusalMessageKey(result.reason) as "app.name") };
  revalidatePath("/field-reports");
  const accepted = t("fieldReports.acceptedMany", { count: result.accepted });
  if (result.refused.length === 0) return { status: "saved", message: accepted };
  const list = result.refused
    .map((refusal) => `${refusal.projectCode ?? refusal.reportId} — ${refusalInWords(t, refusal)}`)
    .join("; ");
  return { status: "error", message: `${accepted} ${t("fieldReports.refusedMany", { list })}` };
}
