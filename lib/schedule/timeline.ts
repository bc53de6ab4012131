import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Confidence, MilestoneStatus, MilestoneType, ProjectStatus } from "../generated/prisma/enums";
import { isoDate } from "../progress/calendar";
import { countProjects, parseProjectListQuery, projectListWhere, ZProjectListQuery } from "../projects/list-projects";
import { OBLASTS } from "../reference-data";
import { slipDays } from "./slip";

// The timeline (Gantt) of a filtered list: one row per project with its baseline and forecast/actual bars, its
// milestones, grouped by horizon, sector or oblast. Rows come a page at a time, so it serves 100 000 projects.

export const TIMELINE_PAGE_SIZE = 50;
/** Rows shown per oblast when every oblast is listed; its link opens the rest, filtered to that oblast. */
export const TIMELINE_OBLAST_PREVIEW = 12;
export const TIMELINE_GROUPS = ["horizon", "sector", "oblast"] as const;
export const TIMELINE_ZOOMS = ["year", "quarter"] as const;

export const ZTimelineQuery = ZProjectListQuery.extend({
  group: z.enum(TIMELINE_GROUPS).catch("horizon").default("horizon"),
  zoom: z.enum(TIMELINE_ZOOMS).catch("year").default("year"),
  view: z.enum(["chart", "table"]).catch("chart").default("chart"),
});
export type TTimelineQuery = z.infer<typeof ZTimelineQuery>;

export function parseTimelineQuery(raw: Record<string, string | string[] | undefined>): TTimelineQuery {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return ZTimelineQuery.parse({ ...flat, ...parseProjectListQuery(raw) });
}

export type TimelineMilestone = { type: MilestoneType; title: string | null; date: string; status: MilestoneStatus };
export type TimelineRow = {
  code: string;
  nameKk: string;
  nameRu: string | null;
  nameEn: string | null;
  status: ProjectStatus;
  percentComplete: number;
  confidence: Confidence | null;
  horizon: number | null;
  baselineStart: string | null;
  baselineFinish: string | null;
  plannedStart: string | null;
  plannedFinish: string | null;
  actual: boolean;
  finishSlipDays: number | null;
  milestones: TimelineMilestone[];
};
export type TimelineGroup = {
  key: string;
  label: { nameKk: string; nameRu: string | null; nameEn: string | null } | null;
  total: number | null;
  rows: TimelineRow[];
};

const select = {
  code: true,
  nameKk: true,
  nameRu: true,
  nameEn: true,
  status: true,
  percentComplete: true,
  confidence: true,
  horizon: true,
  baselineStart: true,
  baselineFinish: true,
  forecastStart: true,
  forecastFinish: true,
  actualStart: true,
  actualFinish: true,
  category: { select: { sector: { select: { code: true, nameKk: true, nameRu: true, nameEn: true } } } },
  milestones: {
    select: { type: true, title: true, baselineDate: true, forecastDate: true, actualDate: true, status: true },
  },
} satisfies Prisma.ProjectSelect;
type Selected = Prisma.ProjectGetPayload<{ select: typeof select }>;

const day = (value: Date | null) => (value === null ? null : isoDate(value));

function toRow(project: Selected): TimelineRow {
  const actual = project.actualStart !== null || project.actualFinish !== null;
  return {
    code: project.code,
    nameKk: project.nameKk,
    nameRu: project.nameRu,
    nameEn: project.nameEn,
    status: project.status,
    percentComplete: project.percentComplete,
    confidence: project.confidence,
    horizon: project.horizon,
    baselineStart: day(project.baselineStart),
    baselineFinish: day(project.baselineFinish),
    plannedStart: day(project.actualStart ?? project.forecastStart ?? project.baselineStart),
    plannedFinish: day(project.actualFinish ?? project.forecastFinish ?? project.baselineFinish),
    actual,
    finishSlipDays: slipDays(project.baselineFinish, project.forecastFinish, project.actualFinish),
    milestones: project.milestones.flatMap((milestone) => {
      const date = milestone.actualDate ?? milestone.forecastDate ?? milestone.baselineDate;
      return date
        ? [{ type: milestone.type, title: milestone.title, date: isoDate(date), status: milestone.status }]
        : [];
    }),
  };
}

const ORDER: Record<Exclude<TTimelineQuery["group"], "oblast">, Prisma.ProjectOrderByWithRelationInput[]> = {
  horizon: [{ horizon: { sort: "asc", nulls: "last" } }, { code: "asc" }],
  sector: [{ category: { sector: { sortOrder: "asc" } } }, { code: "asc" }],
};

/**
 * One page of the timeline. By horizon or sector the rows are one ordered list cut into groups; by oblast every
 * oblast in the user's scope is a section of its first rows (an inter-oblast project appears in each oblast it
 * touches) until the list is narrowed to one oblast, which then pages like the others.
 */
export async function timeline(user: Actor, query: TTimelineQuery) {
  if (query.group === "oblast" && !query.oblast) {
    // Per oblast: its count as the list counts it (from the roll-ups when the filters allow, lib/projects), and its
    // first rows read in index order (horizon, code); an oblast with nothing in the view is left out.
    const groups = await Promise.all(
      OBLASTS.map(async (oblast) => {
        const inOblast = { ...query, oblast: oblast.code };
        const total = await countProjects(user, inOblast);
        if (total === 0) return null;
        const rows = await prisma.project.findMany({
          where: await projectListWhere(user, inOblast),
          orderBy: ORDER.horizon,
          take: TIMELINE_OBLAST_PREVIEW,
          select,
        });
        return { key: oblast.code, label: oblast, total, rows: rows.map(toRow) } satisfies TimelineGroup;
      }),
    );
    const shown = groups.filter((group) => group !== null);
    return { total: shown.reduce((sum, group) => sum + group.total, 0), page: 1, pages: 1, groups: shown };
  }
  const where = await projectListWhere(user, query);
  const [total, projects] = await Promise.all([
    prisma.project.count({ where }),
    prisma.project.findMany({
      where,
      orderBy: ORDER[query.group === "oblast" ? "horizon" : query.group],
      skip: (query.page - 1) * TIMELINE_PAGE_SIZE,
      take: TIMELINE_PAGE_SIZE,
      select,
    }),
  ]);
  const groups: TimelineGroup[] = [];
  for (const project of projects) {
    const key =
      query.group === "sector"
        ? project.category.sector.code
        : query.group === "oblast"
          ? (query.oblast ?? "")
          : String(project.horizon ?? "none");
    const label =
      query.group === "sector"
        ? project.category.sector
        : query.group === "oblast"
          ? (OBLASTS.find((oblast) => oblast.code === query.oblast) ?? null)
          : null;
    const last = groups.at(-1);
    if (last?.key === key) last.rows.push(toRow(project));
    else groups.push({ key, label, total: null, rows: [toRow(project)] });
  }
  return { total, page: query.page, pages: Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE)), groups };
}
