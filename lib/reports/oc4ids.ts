import "server-only";
import { z } from "zod";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { isoDate } from "../progress/calendar";
import { projectScope } from "../auth/permissions";

// The catalog with its current progress as an Open Contracting for Infrastructure Data Standard (OC4IDS 0.9)
// project package. Mappings (documented in docs/oc4ids.md):
//   status  PLANNED→identification, DESIGN→preparation, IN_PROGRESS/PAUSED→implementation, COMPLETED→completed,
//           CANCELLED→cancelled (projectStatus codelist);
//   sector  our categories → projectSector codes (SECTOR_BY_CATEGORY);
//   type    our actions → projectType codes where one fits (TYPE_BY_ACTION).

export const OC4IDS_PROJECT_STATUS = [
  "identification",
  "preparation",
  "implementation",
  "completion",
  "completed",
  "cancelled",
] as const;
export const OC4IDS_PROJECT_SECTOR = [
  "education",
  "health",
  "energy",
  "energy.solar",
  "energy.wind",
  "energy.hydropower",
  "energy.biomass",
  "energy.geothermal",
  "communications",
  "waterAndWaste",
  "governance",
  "economy",
  "cultureSportsAndRecreation",
  "transport",
  "transport.air",
  "transport.water",
  "transport.rail",
  "transport.road",
  "transport.urban",
  "transport.lowCarbon",
  "socialHousing",
  "naturalResources",
  "naturalResources.floodProtection",
] as const;
export const OC4IDS_PROJECT_TYPE = [
  "construction",
  "maintenance",
  "rehabilitation",
  "replacement",
  "expansion",
  "decommissioning",
] as const;
type Sector = (typeof OC4IDS_PROJECT_SECTOR)[number];
/** documentType codes (codelists/documentType.csv) used for evidence: photos are illustrations of the works,
 * documents (acts of acceptance, permits…) are physical progress reports. */
export const OC4IDS_DOCUMENT_TYPE = ["illustration", "physicalProgressReport"] as const;
export const DOCUMENT_TYPE_BY_KIND = { PHOTO: "illustration", DOCUMENT: "physicalProgressReport" } as const;

export const STATUS_MAPPING = {
  PLANNED: "identification",
  DESIGN: "preparation",
  IN_PROGRESS: "implementation",
  PAUSED: "implementation",
  COMPLETED: "completed",
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
export const TYPE_BY_ACTION: Partial<Record<string, (typeof OC4IDS_PROJECT_TYPE)[number]>> = {
  BUILD: "construction",
  CREATE: "construction",
  ELECTRIFY: "expansion",
  EXPAND: "expansion",
  RECONSTRUCT: "rehabilitation",
  MODERNISE: "rehabilitation",
  RESTORE: "rehabilitation",
  REPAIR: "maintenance",
  RELOCATE: "replacement",
};

const ZPeriod = z.strictObject({ startDate: z.iso.datetime().optional(), endDate: z.iso.datetime().optional() });
/** The parts of the OC4IDS 0.9 project schema this export fills, with its codelists; used to validate it in tests. */
export const ZOc4idsProject = z.strictObject({
  id: z.string().regex(/^oc4ids-[a-z0-9]{6}-/),
  updated: z.iso.datetime(),
  title: z.string().min(1),
  description: z.string().min(1),
  status: z.enum(OC4IDS_PROJECT_STATUS),
  type: z.enum(OC4IDS_PROJECT_TYPE).optional(),
  sector: z.array(z.enum(OC4IDS_PROJECT_SECTOR)).min(1),
  purpose: z.string().optional(),
  period: ZPeriod.optional(),
  budget: z
    .strictObject({ amount: z.strictObject({ amount: z.number().nonnegative(), currency: z.literal("KZT") }) })
    .optional(),
  locations: z
    .array(
      z.strictObject({
        id: z.string(),
        description: z.string(),
        address: z.strictObject({
          region: z.string().optional(),
          locality: z.string().optional(),
          countryName: z.string(),
        }),
      }),
    )
    .min(1),
  completion: z.strictObject({ endDate: z.iso.datetime().optional(), finalScope: z.string().optional() }).optional(),
  identificationPeriod: ZPeriod.optional(),
  implementationPeriod: ZPeriod.optional(),
  documents: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        documentType: z.enum(OC4IDS_DOCUMENT_TYPE),
        title: z.string().min(1),
        description: z.string().min(1).optional(),
        url: z.url(),
        datePublished: z.iso.datetime(),
        format: z.string().min(1),
      }),
    )
    .optional(),
});
export const ZOc4idsPackage = z.strictObject({
  uri: z.url(),
  publishedDate: z.iso.datetime(),
  version: z.string().regex(/^\d+\.\d+$/),
  publisher: z.strictObject({ name: z.string().min(1) }),
  license: z.url().optional(),
  projects: z.array(ZOc4idsProject).min(1),
});

/** The project identifier prefix (OC4IDS asks publishers to register one; this one is the tracker's own). */
export const OC4IDS_PREFIX = "oc4ids-kzbtys-";

/** A project's evidence in the export: files of accepted progress updates that were not withdrawn. */
const EVIDENCE_INCLUDE = {
  where: { progressUpdateId: { not: null }, withdrawnAt: null },
  orderBy: { id: "asc" },
  select: { id: true, kind: true, fileName: true, caption: true, contentType: true, attachedAt: true, createdAt: true },
} satisfies Prisma.Project$evidenceFilesArgs;
type Row = Prisma.ProjectGetPayload<{
  include: { category: true; district: true; oblasts: { include: { oblast: true } } };
}> & { evidenceFiles?: Prisma.EvidenceFileGetPayload<{ select: typeof EVIDENCE_INCLUDE.select }>[] };
const dateTime = (date: Date) => `${isoDate(date)}T00:00:00Z`;

export function toOc4ids(project: Row, publicUrl = ""): z.infer<typeof ZOc4idsProject> {
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
  return {
    id: `${OC4IDS_PREFIX}${project.code}`,
    updated: project.updatedAt.toISOString(),
    title: project.nameKk,
    description: `${project.nameEn ?? project.nameRu ?? project.nameKk}.${quantity} Decree No. 946 of 10 November 2025, point ${project.sourcePoint}. Progress: ${project.percentComplete}%.`,
    status: STATUS_MAPPING[project.status],
    ...(TYPE_BY_ACTION[project.action] ? { type: TYPE_BY_ACTION[project.action] } : {}),
    sector: SECTOR_BY_CATEGORY[project.category.code] ?? DEFAULT_SECTOR,
    purpose: project.category.nameEn,
    ...(planned ? { period: planned } : {}),
    ...(project.budgetBaseline
      ? { budget: { amount: { amount: Number(project.budgetBaseline), currency: "KZT" as const } } }
      : {}),
    locations: project.oblasts.map((link, index) => ({
      id: String(index + 1),
      description: [project.place, project.district?.nameKk, link.oblast.nameKk].filter(Boolean).join(", "),
      address: {
        region: link.oblast.nameEn,
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
    ...(project.evidenceFiles?.length
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

/** The package as JSON text, chunk by chunk: projects are read in batches, never all at once. */
export async function* oc4idsPackageChunks(user: Actor, publicUrl: string, batchSize = 500): AsyncGenerator<string> {
  if (!can(user, "report.export")) return;
  const head = {
    uri: `${publicUrl}/reports/oc4ids`,
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
      where: { AND: [projectScope(user), { withdrawnAt: null }, { id: { gt: cursor } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      include: {
        category: true,
        district: true,
        oblasts: { include: { oblast: true } },
        evidenceFiles: EVIDENCE_INCLUDE,
      },
    });
    if (batch.length === 0) break;
    for (const project of batch) {
      yield `${first ? "" : ","}${JSON.stringify(toOc4ids(project, publicUrl))}`;
      first = false;
    }
    cursor = batch[batch.length - 1]!.id;
  }
  yield "]}";
}
