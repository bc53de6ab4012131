import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRollups } from "@/lib/rollups/check-rollups";
import { importCatalog } from "@/lib/catalog/import-catalog";
import { CATALOG_DIR, CatalogError, loadCatalog } from "@/lib/catalog/load-catalog";
import { prisma } from "@/lib/db";
import { withSql } from "../support/database";

const scratchDirs: string[] = [];

/** A copy of the reviewed catalog that a test may change. */
function copyOfCatalog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "batys-catalog-"));
  fs.cpSync(CATALOG_DIR, dir, { recursive: true });
  scratchDirs.push(dir);
  return dir;
}

function editRecords(dir: string, file: string, edit: (records: Record<string, unknown>[]) => void): void {
  const full = path.join(dir, file);
  const records = JSON.parse(fs.readFileSync(full, "utf8"));
  edit(records);
  fs.writeFileSync(full, JSON.stringify(records, null, 2));
}

const projectsDigest = () =>
  withSql(
    async (sql) =>
      (await sql.query("SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS d, count(*)::int AS n FROM projects p"))
        .rows[0],
  );

afterAll(async () => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
  await importCatalog();
});

describe("catalog import", () => {
  it("has loaded every record of the catalog, one project per code, with its oblasts", async () => {
    const catalog = loadCatalog();
    const projects = await prisma.project.findMany({
      where: { withdrawnAt: null },
      include: { oblasts: { include: { oblast: true } }, category: true },
    });
    expect(projects.length).toBe(catalog.records.length);
    const byCode = new Map(projects.map((project) => [project.code, project]));
    for (const record of catalog.records) {
      const project = byCode.get(record.code)!;
      expect(project, record.code).toBeDefined();
      expect(project.category.code).toBe(record.category);
      expect(project.oblasts.map((link) => link.oblast.code).sort()).toEqual([...record.oblasts].sort());
      expect(project.plannedQuantity === null ? null : Number(project.plannedQuantity)).toBe(record.quantity);
    }
  });

  it("has the catalog's counts per sector, horizon and oblast", async () => {
    const catalog = loadCatalog();
    const { CATEGORIES } = await import("@/lib/reference-data");
    const sectorOf = new Map(CATEGORIES.map((category) => [category.code, category.sectorCode]));
    const fromFiles = new Map<string, number>();
    const add = (key: string) => fromFiles.set(key, (fromFiles.get(key) ?? 0) + 1);
    for (const record of catalog.records) {
      add(`sector:${sectorOf.get(record.category)}`);
      add(`horizon:${record.horizon ?? "none"}`);
      for (const oblast of record.oblasts) add(`oblast:${oblast}`);
    }
    const fromDatabase = await withSql(
      async (sql) =>
        (
          await sql.query(`
      SELECT 'sector:' || s.code AS key, count(*)::int AS n FROM projects p JOIN categories c ON c.id = p.category_id JOIN sectors s ON s.id = c.sector_id WHERE p.withdrawn_at IS NULL GROUP BY 1
      UNION ALL SELECT 'horizon:' || coalesce(p.horizon::text, 'none'), count(*)::int FROM projects p WHERE p.withdrawn_at IS NULL GROUP BY 1
      UNION ALL SELECT 'oblast:' || o.code, count(*)::int FROM projects p JOIN project_oblasts x ON x.project_id = p.id JOIN oblasts o ON o.id = x.oblast_id WHERE p.withdrawn_at IS NULL GROUP BY 1`)
        ).rows,
    );
    expect(new Map(fromDatabase.map((row) => [row.key, row.n]))).toEqual(fromFiles);
  });

  it("a second import of the same catalog changes nothing", async () => {
    const before = await projectsDigest();
    const summary = await importCatalog();
    expect(summary).toMatchObject({ inserted: 0, updated: 0, withdrawn: 0 });
    expect(await projectsDigest()).toEqual(before);
  });

  it("invalid catalog data stops the import with the file, record and reason, and writes nothing", async () => {
    const dir = copyOfCatalog();
    editRecords(dir, "transport.json", (records) => {
      records[0]!.nameKk = "Жаңа атау";
      records[records.length - 1]!.quantity = -5;
    });
    const before = await projectsDigest();
    const error = await importCatalog({ directory: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({ file: "transport.json" });
    expect((error as CatalogError).reason).toMatch(/quantity/);
    expect(await projectsDigest()).toEqual(before);
  });

  it("an unknown district stops the import and writes nothing", async () => {
    const dir = copyOfCatalog();
    editRecords(dir, "transport.json", (records) => {
      records[1]!.district = "Жоқ ауданы";
    });
    const before = await projectsDigest();
    await expect(importCatalog({ directory: dir })).rejects.toThrow(/Жоқ ауданы/);
    expect(await projectsDigest()).toEqual(before);
  });

  it("updates descriptive fields, never touches recorded progress, and withdraws a removed record instead of deleting it", async () => {
    const dir = copyOfCatalog();
    let removed = "";
    let renamed = "";
    editRecords(dir, "transport.json", (records) => {
      removed = String(records.pop()!.code);
      renamed = String(records[0]!.code);
      records[0]!.nameKk = `${String(records[0]!.nameKk)} (түзетілген)`;
    });
    await prisma.project.update({
      where: { code: renamed },
      data: { status: "IN_PROGRESS", percentComplete: 40, version: 3 },
    });
    await prisma.project.update({
      where: { code: removed },
      data: { status: "DESIGN", percentComplete: 10, version: 2 },
    });

    const summary = await importCatalog({ directory: dir });
    expect(summary).toMatchObject({ inserted: 0, updated: 1, withdrawn: 1 });
    const renamedProject = await prisma.project.findUniqueOrThrow({ where: { code: renamed } });
    expect(renamedProject).toMatchObject({ status: "IN_PROGRESS", percentComplete: 40, version: 3 });
    expect(renamedProject.nameKk).toMatch(/түзетілген/);
    expect(renamedProject.searchText).toMatch(/түзетілген/);
    const removedProject = await prisma.project.findUniqueOrThrow({ where: { code: removed } });
    expect(removedProject.withdrawnAt).not.toBeNull();
    expect(removedProject).toMatchObject({ status: "DESIGN", percentComplete: 10 });

    const back = await importCatalog();
    expect(back).toMatchObject({ updated: 1, restored: 1, withdrawn: 0 });
    expect((await prisma.project.findUniqueOrThrow({ where: { code: removed } })).withdrawnAt).toBeNull();
    await prisma.project.updateMany({
      where: { code: { in: [renamed, removed] } },
      data: { status: "PLANNED", percentComplete: 0, version: 1 },
    });
  });

  it("records every import that changed something in the audit log", async () => {
    const entries = await prisma.auditLog.findMany({ where: { action: "catalog.import" } });
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });
});

// Whatever this file wrote (concurrent saves, sheets, field reports, imports, withdrawals), the roll-ups the
// dashboards read must still equal a recomputation from the base tables.
afterAll(async () => {
  expect(await checkRollups()).toEqual([]);
});
