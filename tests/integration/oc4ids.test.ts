import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { OC4IDS_PREFIX, oc4idsPackageChunks } from "@/lib/reports/oc4ids";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";
import { codelist, packageValidator } from "../support/oc4ids-standard";

type Project = {
  id: string;
  status: string;
  type?: string;
  sector: string[];
  budget?: { amount: { amount: number; currency: string } };
  publicAuthority?: { id: string; name: string };
  parties?: { id: string; name: string; roles: string[] }[];
  locations: { gazetteer?: { scheme: string; identifiers: string[] } }[];
  metrics?: { id: string; observations: { measure?: number; value?: { amount: number } }[] }[];
};
type Package = { version: string; projects: Project[] };

async function exportAs(email: string): Promise<Package> {
  const chunks: string[] = [];
  for await (const chunk of oc4idsPackageChunks(await actor(email), "https://batys.example.kz", 200))
    chunks.push(chunk);
  return JSON.parse(chunks.join(""));
}

let tracked = "";

beforeAll(async () => {
  // One project with a progress history, a budget with spending, and a responsible organisation.
  const project = await freshProject("MAN", 4);
  tracked = project.code;
  const author = await prisma.user.findUniqueOrThrow({ where: { email: "ministry@batys.demo" } });
  await withSql(async (sql) => {
    for (const [asOf, status, percent, previousStatus, previousPercent] of [
      ["2026-02-10", "DESIGN", 5, "PLANNED", 0],
      ["2026-05-20", "IN_PROGRESS", 30, "DESIGN", 5],
    ] as const)
      await sql.query(
        `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent, as_of, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, 'oc4ids history')`,
        [project.id, author.id, status, previousStatus, percent, previousPercent, asOf],
      );
    await sql.query(
      `UPDATE projects SET status = 'IN_PROGRESS', percent_complete = 30, last_progress_as_of = '2026-05-20',
         budget_baseline = 125000000000.5, budget_spent = 40000000, responsible_organisation = 'Маңғыстау облысы әкімдігі',
         version = version + 2 WHERE id = $1`,
      [project.id],
    );
  });
});

describe("OC4IDS export", () => {
  it("validates against the standard's own JSON schema with no error over the whole catalog", async () => {
    const data = await exportAs("manager@batys.demo");
    expect(packageValidator()(data)).toEqual([]);
    const total = await prisma.project.count({ where: { withdrawnAt: null } });
    expect(data.projects).toHaveLength(total);
    expect(new Set(data.projects.map((project) => project.id)).size).toBe(total);
    const planned = data.projects.filter((project) => project.status === "identification").length;
    expect(planned).toBe(await prisma.project.count({ where: { withdrawnAt: null, status: "PLANNED" } }));
  });

  it("uses only codes of the standard's codelists for sector, type, metrics and gazetteers", async () => {
    const data = await exportAs("manager@batys.demo");
    const [sectors, types, metrics, gazetteers] = [
      "projectSector",
      "projectType",
      "metricID",
      "locationGazetteers",
    ].map(codelist);
    const used = (pick: (project: Project) => (string | undefined)[]) =>
      [...new Set(data.projects.flatMap(pick))].filter((code): code is string => code !== undefined);
    expect(used((project) => project.sector).filter((code) => !sectors!.has(code))).toEqual([]);
    expect(used((project) => [project.type]).filter((code) => !types!.has(code))).toEqual([]);
    expect(
      used((project) => (project.metrics ?? []).map((metric) => metric.id)).filter((code) => !metrics!.has(code)),
    ).toEqual([]);
    expect(
      used((project) => project.locations.map((location) => location.gazetteer?.scheme)).filter(
        (code) => !gazetteers!.has(code),
      ),
    ).toEqual([]);
    // Repair works are "rehabilitation": the codelist has no "maintenance".
    const repairs = await prisma.project.findMany({
      where: { action: "REPAIR", withdrawnAt: null },
      select: { code: true },
    });
    for (const { code } of repairs)
      expect(data.projects.find((project) => project.id === `${OC4IDS_PREFIX}${code}`)?.type).toBe("rehabilitation");
  });

  it("publishes budget, progress over time, spending, the public authority and the oblast's geometry id", async () => {
    const data = await exportAs("manager@batys.demo");
    const project = data.projects.find((row) => row.id === `${OC4IDS_PREFIX}${tracked}`)!;
    expect(project.budget).toEqual({ amount: { amount: 125000000000.5, currency: "KZT" } });
    const physical = project.metrics!.find((metric) => metric.id === "physicalProgress")!;
    expect(physical.observations.map((observation) => observation.measure)).toEqual([5, 30]);
    const financial = project.metrics!.find((metric) => metric.id === "financialProgress")!;
    expect(financial.observations[0]!.value!.amount).toBe(40000000);
    expect(project.publicAuthority?.name).toBe("Маңғыстау облысы әкімдігі");
    expect(project.parties).toEqual([
      { id: project.publicAuthority!.id, name: "Маңғыстау облысы әкімдігі", roles: ["publicAuthority"] },
    ]);
    expect(project.locations[0]!.gazetteer).toEqual({ scheme: "OSMR", identifiers: ["85117"] });
  });

  it("gives an akimat officer only their oblast's projects, still valid", async () => {
    const data = await exportAs("akimat.zko@batys.demo");
    expect(packageValidator()(data)).toEqual([]);
    expect(data.projects.length).toBe(
      await prisma.project.count({ where: { withdrawnAt: null, oblasts: { some: { oblast: { code: "ZKO" } } } } }),
    );
  });
});
