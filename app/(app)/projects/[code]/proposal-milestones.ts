import "server-only";
import type { ProposalMilestone } from "@/components/milestone-proposal-fields";
import { projectMilestones } from "@/lib/schedule/milestones";

type Translate = (key: "schedule.milestoneTypes.CUSTOM") => string;

/** The project's milestones as the field report form offers them, each named in the reader's language. */
export async function proposalMilestones(projectId: number, t: Translate): Promise<ProposalMilestone[]> {
  return (await projectMilestones(projectId)).map((milestone) => ({
    id: milestone.id,
    version: milestone.version,
    name:
      milestone.type === "CUSTOM"
        ? (milestone.title ?? "")
        : t(`schedule.milestoneTypes.${milestone.type}` as "schedule.milestoneTypes.CUSTOM"),
    baselineDate: milestone.baselineDate,
    forecastDate: milestone.forecastDate,
    actualDate: milestone.actualDate,
    status: milestone.status,
  }));
}
