"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { acceptFieldReport, acceptFieldReports, rejectFieldReport } from "@/lib/field-reports/field-reports";
import type { ActionState } from "@/lib/http/action-state";
import { answerAction, formObject } from "@/lib/http/answer-action";
import { clientIp } from "@/lib/http/client-ip";

const actor = () => requireUser();

export async function acceptFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(
    await acceptFieldReport(user, formObject(formData), { ip: await clientIp() }),
    "/field-reports",
    "fieldReports.accepted",
  );
}

export async function rejectFieldReportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await actor();
  return answerAction(
    await rejectFieldReport(user, formObject(formData), { ip: await clientIp() }),
    "/field-reports",
    "fieldReports.rejected",
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
  if (!result.ok)
    return {
      status: "error",
      message: t(result.reason === "forbidden" ? "errors.forbiddenAction" : "validation.invalid"),
    };
  revalidatePath("/field-reports");
  const REASONS = {
    alreadyReviewed: "fieldReports.alreadyReviewed",
    conflict: "progress.conflictTitle",
    invalid: "validation.invalid",
    notFound: "progress.notFound",
    forbidden: "errors.forbiddenAction",
  } as const;
  const accepted = t("fieldReports.acceptedMany", { count: result.accepted });
  if (result.refused.length === 0) return { status: "saved", message: accepted };
  const list = result.refused
    .map((refusal) => `${refusal.projectCode ?? refusal.reportId} — ${t(REASONS[refusal.reason])}`)
    .join("; ");
  return { status: "error", message: `${accepted} ${t("fieldReports.refusedMany", { list })}` };
}
