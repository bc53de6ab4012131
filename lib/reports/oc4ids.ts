import "server-only";
import { createHash } from "node:crypto";
import { type Actor, can, projectScope } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { isoDate } from "../progress/calendar";

// The catalog with its current progress as an Open Contracting for Infrastructure Data Standard (OC4IDS 0.9)
// project package. Mappings (documented in docs/oc4ids.md):
//   status  PLANNED→identification, DESIGN→preparation, IN_PROGRESS/PAUSED→implementation, COMPLETED→completion,
//           CANCELLED→cancelled (projectStatus codelist);
//   sector  our categories → projectSector codes (SECTOR_BY_CATEGORY);
//   type    our actions → projectType codes where one fits (TYPE_BY_ACTION).

// Codes are checked against the standard's own codelists and JSON schema (../shared/standards/oc4ids-0.9.5) in
// tests/integration/oc4ids.test.ts: this module holds mappings only, never a copy of the schema.
type Sector = string;
type ProjectType = "construction" | "rehabilitation" | "replacement" | "expansion" | "decommissioning";
/** documentType codes for evidence: photos illustrate the works, documents (acts, permits…) report on them. */
export const DOCUMENT_TYPE_BY_KIND = { PHOTO: "illustration", DOCUMENT: "physicalProgressReport" } as const;

export const STATUS_MAPPING = {
  PLANNED: "identification",
  DESIGN: "preparation",
  IN_PROGRESS: "implementation",
  PAUSED: "implementation",
  // The projectStatus codelist has no "completed": a finished project is in its completion phase.
  COMPLETED: "completion",
  CANCELLED: "cancelled",
} as const;
export const SECTOR_BY_CATEGORY: Record<string, Sector[]> = {
  railway: ["transport", "transport.rail"],
  road: ["transport", "transport.road"],
  "bus-station": ["transport", "transport.urban"],
  airport: ["transport", "transport.air"],
  port: ["transport", "transport.water"],
  logistics: ["transport"],
  pipeline: ["energy"],
  "power-plant": ["energy"],
  grid: ["energy"],
  heat: ["energy"],
  "gas-supply": ["energy"],
  "water-supply": ["waterAndWaste"],
  sewerage: ["waterAndWaste"],
  "water-management": ["naturalResources"],
  education: ["education"],
  health: ["health"],
  culture: ["cultureSportsAndRecreation"],
  sport: ["cultureSportsAndRecreation"],
  housing: ["socialHousing"],
  "social-other": ["governance"],
  tourism: ["cultureSportsAndRecreation"],
  waste: ["waterAndWaste"],
  heritage: ["cultureSportsAndRecreation"],
  "protected-area": ["naturalResources"],
  "water-protection": ["naturalResources"],
  "air-protection": ["naturalResources"],
  "land-restoration": ["naturalResources"],
  monitoring: ["naturalResources"],
  greening: ["naturalResources"],
  "environment-other": ["naturalResources"],
  "flood-protection": ["naturalResources", "naturalResources.floodProtection"],
  "emergency-other": ["governance"],
};
const DEFAULT_SECTOR: Sector[] = ["economy"];
export const TYPE_BY_ACTION: Partial<Record<string, ProjectType>> = {
  BUILD: "construction",
  CREATE: "construction",
  ELECTRIFY: "expansion",
  EXPAND: "expansion",
  RECONSTRUCT: "rehabilitation",
  MODERNISE: "rehabilitation",
  RESTORE: "rehabilitation",
  // The projectType codelist has no "maintenance": rehabilitation is its code for repair works.
  REPAIR: "rehabilitation",
  RELOCATE: "replacement",
};

/** The project identifier prefix (OC4IDS asks publishers to register one; this one is the tracker's own). */
export const OC4IDS_PREFIX = "oc4ids-kzbtys-";

/**
 * OpenStreetMap relations of the four oblasts (the same as ../shared/geo/western-oblasts.geojson's `osm_relation`),
 * published as gazetteer identifiers (scheme OSMR of the locationGazetteers codelist) so a reader can draw them.
 */
export const OSM_RELATION_BY_OBLAST: Record<string, string> = {
  AKT: "85101",
  ATY: "85104",
  ZKO: "85122",
  MAN: "85117",
};

/**
 * A project's evidence in the export: files of progress updates, milestones and blockers (what everyone who sees the
 * project sees) that were not withdrawn; a field report's files only once it is accepted.
 */
const EVIDENCE_FILES = {
  where: {
    OR: [{ progressUpdateId: { not: null } }, { milestoneId: { not: null } }, { blockerId: { not: null } }],
    withdrawnAt: null,
  },
  orderBy: { id: "asc" },
  select: { id: true, kind: true, fileName: true, caption: true, contentType: true, attachedAt: true, createdAt: true },
} satisfies Prisma.Project$evidenceFilesArgs;

const projectInclude = {
  category: true,
  district: true,
  oblasts: { include: { oblast: true } },
  evidenceFiles: EVIDENCE_FILES,
} satisfies Prisma.ProjectInclude;
type Row = Prisma.ProjectGetPayload<{ include: typeof projectInclude }>;
type Observation = { asOf: Date; percentComplete: number; id: number };

const dateTime = (date: Date) => `${isoDate(date)}T00:00:00Z`;
const kzt = (amount: Prisma.Decimal) => ({ amount: Number(amount), currency: "KZT" });
/** A party id built from the organisation's name, stable between exports. */
const partyId = (name: string) =>
  `org-${createHash("sha256").update(name.trim().toLowerCase()).digest("hex").slice(0, 12)}`;

/**
 * What the public package (/public/data/oc4ids) leaves out: the budget and its note (free text written by staff),
 * the spending (financialProgress), the responsible organisation (publicAuthority/parties: free text that may
 * name a person) and the evidence files (documents). Everything else is the decree's own data or the public fields
 * (status, percent over time).
 */
export type Oc4idsView = "signedIn" | "public";

/**
 * One project as an OC4IDS 0.9 project object; `history` is its progress updates, oldest first; `publicUrl` the
 * tracker's address, before the evidence files' links (`documents[]`).
 */
export function toOc4ids(
  project: Row,
  history: Observation[],
  publicUrl = "",
  view: Oc4idsView = "signedIn",
): Record<string, unknown> {
  const open = view === "signedIn";
  const planned =
    project.baselineStart || project.baselineFinish || project.horizon
      ? {
          ...(project.baselineStart ? { startDate: dateTime(project.baselineStart) } : {}),
          endDate: project.baselineFinish
            ? dateTime(project.baselineFinish)
            : `${project.horizon ?? 2050}-12-31T00:00:00Z`,
        }
      : undefined;
  const quantity = project.plannedQuantity ? ` ${Number(project.plannedQuantity)} ${project.unit}.` : "";
  const authority = open ? project.responsibleOrganisation?.trim() : undefined;
  const metrics = [
    ...(history.length > 0
      ? [
          {
            id: "physicalProgress",
            title: "Physical progress",
            description: "Percent complete as recorded in each progress update (as-of date).",
            observations: history.map((update) => ({
              id: `physicalProgress-${update.id}`,
              period: { startDate: dateTime(update.asOf), endDate: dateTime(update.asOf) },
              measure: update.percentComplete,
              unit: { name: "percent" },
            })),
          },
        ]
      : []),
    ...(open && project.budgetSpent
      ? [
          {
            id: "financialProgress",
            title: "Financial progress",
            description: "Amount spent to date.",
            observations: [
              {
                id: "financialProgress-spent",
                ...(project.lastProgressAsOf ? { period: { endDate: dateTime(project.lastProgressAsOf) } } : {}),
                value: kzt(project.budgetSpent),
              },
            ],
          },
        ]
      : []),
  ];
  return {
    id: `${OC4IDS_PREFIX}${project.code}`,
    updated: project.updatedAt.toISOString(),
    language: "kk",
    title: project.nameKk,
    description: `${project.nameEn ?? project.nameRu ?? project.nameKk}.${quantity} Decree No. 946 of 10 November 2025, point ${project.sourcePoint}. Progress: ${project.percentComplete}%.`,
    status: STATUS_MAPPING[project.status],
    ...(TYPE_BY_ACTION[project.action] ? { type: TYPE_BY_ACTION[project.action] } : {}),
    sector: SECTOR_BY_CATEGORY[project.category.code] ?? DEFAULT_SECTOR,
    purpose: project.category.nameEn ?? project.category.nameKk,
    ...(planned ? { period: planned } : {}),
    ...(open && (project.budgetBaseline || project.budgetForecast)
      ? {
          budget: {
            amount: kzt((project.budgetForecast ?? project.budgetBaseline)!),
            ...(project.budgetNote ? { description: project.budgetNote } : {}),
          },
        }
      : {}),
    ...(authority
      ? {
          publicAuthority: { id: partyId(authority), name: authority },
          parties: [{ id: partyId(authority), name: authority, roles: ["publicAuthority"] }],
        }
      : {}),
    locations: project.oblasts.map((link, index) => ({
      id: String(index + 1),
      description: [project.place, project.district?.nameKk, link.oblast.nameKk].filter(Boolean).join(", "),
      ...(OSM_RELATION_BY_OBLAST[link.oblast.code]
        ? { gazetteer: { scheme: "OSMR", identifiers: [OSM_RELATION_BY_OBLAST[link.oblast.code]] } }
        : {}),
      address: {
        region: link.oblast.nameEn ?? link.oblast.nameKk,
        ...(project.district?.nameEn ? { locality: project.district.nameEn } : {}),
        countryName: "Kazakhstan",
      },
    })),
    ...(project.actualStart
      ? {
          implementationPeriod: {
            startDate: dateTime(project.actualStart),
            ...(project.actualFinish ? { endDate: dateTime(project.actualFinish) } : {}),
          },
        }
      : {}),
    ...(metrics.length > 0 ? { metrics } : {}),
    ...(open && project.evidenceFiles.length
      ? {
          documents: project.evidenceFiles.map((file) => ({
            id: `evidence-${file.id}`,
            documentType: DOCUMENT_TYPE_BY_KIND[file.kind],
            title: file.fileName,
            ...(file.caption ? { description: file.caption } : {}),
            url: `${publicUrl}/api/files/${file.id}`,
            datePublished: (file.attachedAt ?? file.createdAt).toISOString(),
            format: file.contentType,
          })),
        }
      : {}),
    ...(project.status === "COMPLETED" && project.actualFinish
      ? {
          completion: {
            endDate: dateTime(project.actualFinish),
            ...(project.quantityDone ? { finalScope: `${Number(project.quantityDone)} ${project.unit}` } : {}),
          },
        }
      : {}),
  };
}

/** The package as JSON text, chunk by chunk: projects (and their history) are read in batches, never all at once. */
export async function* oc4idsPackageChunks(user: Actor, publicUrl: string, batchSize = 500): AsyncGenerator<string> {
  if (!can(user, "report.export")) return;
  yield* packageChunks(projectScope(user), publicUrl, "/reports/oc4ids", "signedIn", batchSize);
}

/** The public package: every project in the catalog, without what `Oc4idsView` "public" leaves out. */
export function publicOc4idsPackageChunks(publicUrl: string, batchSize = 500): AsyncGenerator<string> {
  return packageChunks({}, publicUrl, "/public/data/oc4ids", "public", batchSize);
}

async function* packageChunks(
  scope: Prisma.ProjectWhereInput,
  publicUrl: string,
  path: string,
  view: Oc4idsView,
  batchSize: number,
): AsyncGenerator<string> {
  const head = {
    uri: `${publicUrl}${path}`,
    publishedDate: new Date().toISOString(),
    version: "0.9",
    publisher: { name: "Batys Tracker — Decree No. 946 delivery" },
    license: "https://creativecommons.org/licenses/by/4.0/",
  };
  yield `${JSON.stringify(head).slice(0, -1)},"projects":[`;
  let cursor = 0;
  let first = true;
  for (;;) {
    const batch = await prisma.project.findMany({
      where: { AND: [scope, { withdrawnAt: null }, { id: { gt: cursor } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      include: projectInclude,
    });
    if (batch.length === 0) break;
    const updates = await prisma.progressUpdate.findMany({
      where: { projectId: { in: batch.map((project) => project.id) } },
      select: { id: true, projectId: true, asOf: true, percentComplete: true },
      orderBy: [{ projectId: "asc" }, { asOf: "asc" }, { id: "asc" }],
    });
    const historyByProject = new Map<number, Observation[]>();
    for (const update of updates) {
      const history = historyByProject.get(update.projectId);
      if (history) history.push(update);
      else historyByProject.set(update.projectId, [update]);
    }
    for (const project of batch) {
      const history = historyByProject.get(project.id) ?? [];
      yield `${first ? "" : ","}${JSON.stringify(toOc4ids(project, history, publicUrl, view))}`;
      first = false;
    }
    cursor = batch[batch.length - 1]!.id;
  }
  yield "]}";
}
