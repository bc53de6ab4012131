import "server-only";
import { z } from "zod";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { acceptFieldReport, type ReviewRefusal } from "./accept-field-report";

/** At most a page of the review queue at once. */
export const ZAcceptFieldReportsInput = z.object({
  reportIds: z
    .array(
      z.coerce
        .number()
        .int()
        .positive()
        .max(2 ** 31 - 1),
    )
    .min(1)
    .max(50),
});

export type AcceptManyResult =
  | {
      ok: true;
      accepted: number;
      refused: ({ reportId: number; projectCode: string | null } & Omit<ReviewRefusal, "ok">)[];
    }
  | { ok: false; reason: "invalid" | "forbidden" };

/**
 * Ministry staff accept a page of the queue at once. Each report is judged on its own, as if accepted one by one
 * (its own transaction and checks): one that conflicts or breaks a rule is left pending and listed with its reason
 * and field errors, the others go in.
 */
export async function acceptFieldReports(
  user: Actor,
  rawInput: unknown,
  context: { ip: string | null },
): Promise<AcceptManyResult> {
  const parsed = ZAcceptFieldReportsInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  if (!can(user, "fieldReport.review")) return { ok: false, reason: "forbidden" };
  const ids = [...new Set(parsed.data.reportIds)].sort((a, b) => a - b);
  const codes = new Map(
    (
      await prisma.fieldReport.findMany({
        where: { id: { in: ids } },
        select: { id: true, project: { select: { code: true } } },
      })
    ).map((report) => [report.id, report.project.code]),
  );
  let accepted = 0;
  const refused: Extract<AcceptManyResult, { ok: true }>["refused"] = [];
  // Oldest first, so two reports on one project go in the order they were written.
  for (const reportId of ids) {
    const result = await acceptFieldReport(user, { reportId }, context);
    if (result.ok) {
      accepted++;
      continue;
    }
    const { ok: _ok, ...refusal } = result;
    refused.push({ reportId, projectCode: codes.get(reportId) ?? null, ...refusal });
  }
  return { ok: true, accepted, refused };
}
