import "server-only";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { FieldErrors } from "../forms/field-errors";
import type { Milestone, MilestoneStatus, Prisma } from "../generated/prisma/client";
import { dateFromIso, isoDate } from "../progress/calendar";
import {
  MilestoneConflict,
  milestoneRuleErrors,
  type TMilestoneInput,
  writeMilestone,
  ZMilestoneInput,
} from "../schedule/milestones";

// An akimat officer proposes milestone changes in a field report: for any milestone of the project a new forecast
// date, actual date and/or status, with a note. Each proposal is judged by the ministry's own milestone schema and
// rules (ZMilestoneInput, milestoneRuleErrors) — as advice when the report is sent, as the rule when it is accepted —
// and applied through the ministry's write path (writeMilestone), in the transaction of the report's acceptance.
// A proposal is made on the milestone's version: a milestone changed since is a conflict, never overwritten.

/** The form's fields of one milestone: `milestone.<id>.<field>`. */
export const PROPOSAL_FIELDS = ["version", "forecastDate", "actualDate", "status", "note"] as const;
const PROPOSAL_KEY = /^milestone\.(\d{1,10})\.(version|forecastDate|actualDate|status|note)$/;
/** More milestones than any project has: a form naming more is forged. */
const MAX_PROPOSALS = 100;

export const proposalField = (milestoneId: number, field: (typeof PROPOSAL_FIELDS)[number] | "form") =>
  field === "form" ? `milestone.${milestoneId}` : `milestone.${milestoneId}.${field}`;

/** A proposal as stored with its report: the milestone's version then, and the values proposed. */
export type MilestoneProposal = {
  milestoneId: number;
  milestoneVersion: number;
  forecastDate: string | null;
  actualDate: string | null;
  status: MilestoneStatus;
  note: string | null;
};

const day = (value: Date | null) => (value === null ? null : isoDate(value));
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The milestone as the ministry's form would send it, with the proposed values in place of the current ones. */
function milestoneInput(projectCode: string, milestone: Milestone, proposed: Record<string, unknown>) {
  return {
    projectCode,
    milestoneId: String(milestone.id),
    version: proposed.version,
    type: milestone.type,
    title: milestone.title ?? "",
    baselineDate: day(milestone.baselineDate) ?? "",
    forecastDate: proposed.forecastDate,
    actualDate: proposed.actualDate,
    status: proposed.status,
    evidenceUrl: milestone.evidenceUrl ?? "",
    reason: proposed.note,
  };
}

/** The schema's and the rules' verdict on one milestone input, as the proposal's field errors. */
function judge(project: { code: string; status: string }, milestone: Milestone, input: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const parsed = ZMilestoneInput.safeParse(milestoneInput(project.code, milestone, input));
  const place = (field: string) =>
    field === "reason"
      ? proposalField(milestone.id, "note")
      : (PROPOSAL_FIELDS as readonly string[]).includes(field)
        ? proposalField(milestone.id, field as (typeof PROPOSAL_FIELDS)[number])
        : proposalField(milestone.id, "form");
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = place(String(issue.path[0] ?? "form"));
      errors[key] ??= /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
    }
    return { errors, input: null };
  }
  for (const [field, key] of Object.entries(milestoneRuleErrors(project, milestone, parsed.data)))
    errors[place(field)] = key;
  return { errors, input: Object.keys(errors).length > 0 ? null : parsed.data };
}

/**
 * Reads the milestone proposals of a submitted field report form and judges them against the project's milestones
 * as they stand. A milestone whose values are left as they are (and no note) is no proposal. Returns the proposals
 * to store, or the field errors to show beside the milestone's fields.
 */
export async function milestoneProposalsOf(
  project: { id: number; code: string; status: string },
  rawInput: unknown,
): Promise<{ proposals: MilestoneProposal[]; errors: FieldErrors }> {
  const byMilestone = new Map<number, Record<string, unknown>>();
  if (rawInput && typeof rawInput === "object") {
    for (const [key, value] of Object.entries(rawInput)) {
      const match = PROPOSAL_KEY.exec(key);
      if (!match) continue;
      const id = Number(match[1]);
      if (!byMilestone.has(id)) byMilestone.set(id, {});
      byMilestone.get(id)![match[2]!] = value;
    }
  }
  if (byMilestone.size === 0) return { proposals: [], errors: {} };
  if (byMilestone.size > MAX_PROPOSALS) return { proposals: [], errors: { milestones: "invalid" } };
  const ids = [...byMilestone.keys()].filter((id) => id <= 2_147_483_647);
  const milestones = new Map(
    (await prisma.milestone.findMany({ where: { id: { in: ids }, projectId: project.id } })).map((row) => [
      row.id,
      row,
    ]),
  );
  const proposals: MilestoneProposal[] = [];
  const errors: FieldErrors = {};
  for (const [id, fields] of byMilestone) {
    const milestone = milestones.get(id);
    // Another project's milestone, or none: the form was not ours.
    if (!milestone) {
      errors[proposalField(id, "form")] = "unknownMilestone";
      continue;
    }
    const unchanged =
      text(fields.forecastDate).trim() === (day(milestone.forecastDate) ?? "") &&
      text(fields.actualDate).trim() === (day(milestone.actualDate) ?? "") &&
      text(fields.status) === milestone.status &&
      text(fields.note).trim() === "";
    if (unchanged) continue;
    if (text(fields.version) !== String(milestone.version)) {
      errors[proposalField(id, "form")] = "milestoneChangedSinceForm";
      continue;
    }
    const verdict = judge(project, milestone, fields);
    Object.assign(errors, verdict.errors);
    if (verdict.input) proposals.push(proposalOf(milestone, verdict.input));
  }
  return { proposals, errors };
}

function proposalOf(milestone: Milestone, input: TMilestoneInput): MilestoneProposal {
  return {
    milestoneId: milestone.id,
    milestoneVersion: milestone.version,
    forecastDate: input.forecastDate,
    actualDate: input.actualDate,
    status: input.status,
    note: input.reason,
  };
}

/** Stores a report's proposals inside the caller's transaction (append-only rows). */
export async function storeMilestoneProposals(
  tx: Prisma.TransactionClient,
  fieldReportId: number,
  proposals: MilestoneProposal[],
) {
  if (proposals.length === 0) return;
  await tx.fieldReportMilestone.createMany({
    data: proposals.map((proposal) => ({
      fieldReportId,
      milestoneId: proposal.milestoneId,
      milestoneVersion: proposal.milestoneVersion,
      forecastDate: proposal.forecastDate === null ? null : dateFromIso(proposal.forecastDate),
      actualDate: proposal.actualDate === null ? null : dateFromIso(proposal.actualDate),
      status: proposal.status,
      note: proposal.note,
    })),
  });
}

export const proposalInclude = {
  milestones: { include: { milestone: true }, orderBy: { milestoneId: "asc" } },
} satisfies Prisma.FieldReportInclude;
export type StoredProposal = Prisma.FieldReportMilestoneGetPayload<{ include: { milestone: true } }>;

/** A stored proposal in the fields of the form it came from. */
const proposedFields = (stored: StoredProposal) => ({
  version: String(stored.milestoneVersion),
  forecastDate: day(stored.forecastDate) ?? "",
  actualDate: day(stored.actualDate) ?? "",
  status: stored.status,
  note: stored.note ?? "",
});

/**
 * Why the report's milestone proposals could not be applied now: a milestone changed since the report was written
 * (a conflict for the reviewer to see), or a proposal that breaks the milestone rules on the milestone as it stands.
 */
export function proposalErrors(project: { code: string; status: string }, stored: StoredProposal[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const proposal of stored) {
    if (proposal.milestone.version !== proposal.milestoneVersion) {
      errors[proposalField(proposal.milestoneId, "form")] = "milestoneChangedSinceReport";
      continue;
    }
    Object.assign(errors, judge(project, proposal.milestone, proposedFields(proposal)).errors);
  }
  return errors;
}

/** Someone changed a proposed milestone between the check and the write: the acceptance is rolled back. */
export class MilestoneProposalConflict extends Error {
  constructor(readonly milestoneId: number) {
    super("milestone changed since the report was written");
  }
}

/**
 * Applies the checked proposals of an accepted report inside its transaction, through the ministry's milestone write
 * path on the version each proposal was made on (history row and audit row each, credited to the reviewer).
 */
export async function applyMilestoneProposals(
  tx: Prisma.TransactionClient,
  user: Actor,
  project: { id: number; code: string; status: string },
  stored: StoredProposal[],
  context: { ip: string | null; fieldReportId: number },
) {
  for (const proposal of stored) {
    const { input } = judge(project, proposal.milestone, proposedFields(proposal));
    if (!input) throw new MilestoneProposalConflict(proposal.milestoneId);
    try {
      await writeMilestone(tx, user, project, proposal.milestone, input, context);
    } catch (error) {
      if (error instanceof MilestoneConflict) throw new MilestoneProposalConflict(proposal.milestoneId);
      throw error;
    }
  }
}

/** A proposal as the review card shows it: the milestone's current values beside the proposed ones. */
export function proposalCard(stored: StoredProposal) {
  const milestone = stored.milestone;
  return {
    milestoneId: milestone.id,
    type: milestone.type,
    title: milestone.title,
    changedSince: milestone.version !== stored.milestoneVersion,
    current: {
      forecastDate: day(milestone.forecastDate),
      actualDate: day(milestone.actualDate),
      status: milestone.status,
    },
    proposed: { forecastDate: day(stored.forecastDate), actualDate: day(stored.actualDate), status: stored.status },
    note: stored.note,
  };
}
export type MilestoneProposalCard = ReturnType<typeof proposalCard>;
