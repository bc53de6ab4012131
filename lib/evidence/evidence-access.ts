import "server-only";
import { can, type Actor } from "../auth/permissions";

export type EvidenceVisibility = {
  uploadedById: number;
  withdrawnAt: Date | null;
  progressUpdateId: number | null;
  fieldReportId: number | null;
  milestoneId: number | null;
  blockerId: number | null;
  project: { oblasts: { oblastId: number }[] };
};

/**
 * Who may see one evidence file — the one rule the file route, the lists and the export share. Nobody outside the
 * project's scope (they get "not found"). Within it: the evidence of a progress update, a milestone or a blocker is
 * seen by everyone who sees the project; a field report's, before it is accepted, by its officer and the reviewers; an unattached upload only by
 * its uploader; a withdrawn file only by its uploader and those who read the audit log.
 */
export function mayViewEvidence(user: Actor, file: EvidenceVisibility): boolean {
  if (!can(user, "project.view", { oblastIds: file.project.oblasts.map((link) => link.oblastId) })) return false;
  const own = file.uploadedById === user.id;
  if (file.withdrawnAt) return own || can(user, "audit.read");
  if (file.progressUpdateId !== null || file.milestoneId !== null || file.blockerId !== null) return true;
  if (own) return true;
  return file.fieldReportId !== null && can(user, "fieldReport.review");
}

/**
 * Who may upload evidence to a project: whoever may record its progress, send a field report on it, edit its
 * milestones or raise (or, as its officer, update) its blockers. Which entry a file joins is checked when it is
 * attached, by that entry's own write path.
 */
export function mayAddEvidence(user: Actor, oblastIds: number[]): boolean {
  return (
    ["project.recordProgress", "fieldReport.submit", "milestone.edit", "blocker.raise", "blocker.updateOwn"] as const
  ).some((action) => can(user, action, { oblastIds }));
}

/** A file is withdrawn by its uploader or by someone who may edit the project's details. */
export function mayWithdrawEvidence(user: Actor, file: EvidenceVisibility): boolean {
  const oblastIds = file.project.oblasts.map((link) => link.oblastId);
  return (
    mayViewEvidence(user, file) && (file.uploadedById === user.id || can(user, "project.editDetails", { oblastIds }))
  );
}
