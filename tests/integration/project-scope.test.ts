import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getFigures } from "@/lib/dashboard/dashboard";
import { getProjectForUser } from "@/lib/projects/get-project";
import { listProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { withSql } from "../support/database";

async function actor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, role: user.role, oblastId: user.oblastId };
}

const countSql = (oblastCode?: string) =>
  withSql(async (sql) => {
    const { rows } = oblastCode
      ? await sql.query(
          `SELECT count(DISTINCT p.id)::int AS n FROM projects p JOIN project_oblasts po ON po.project_id = p.id JOIN oblasts o ON o.id = po.oblast_id WHERE o.code = $1 AND p.withdrawn_at IS NULL`,
          [oblastCode],
        )
      : await sql.query(`SELECT count(*)::int AS n FROM projects WHERE withdrawn_at IS NULL`);
    return rows[0].n as number;
  });

describe("what each role sees of the catalog", () => {
  it("ministry staff, managers and admins see every project", async () => {
    const all = await countSql();
    for (const email of ["admin@batys.demo", "ministry@batys.demo", "manager@batys.demo"]) {
      expect((await listProjects(await actor(email), parseProjectListQuery({}))).total).toBe(all);
      expect((await getFigures(await actor(email), {})).total).toBe(all);
    }
  });

  it("an akimat officer sees only the projects touching their oblast, in the list and in the counts alike", async () => {
    for (const oblast of ["AKT", "ATY", "ZKO", "MAN"]) {
      const officer = await actor(`akimat.${oblast.toLowerCase()}@batys.demo`);
      const expected = await countSql(oblast);
      expect(expected).toBeGreaterThan(0);
      expect((await listProjects(officer, parseProjectListQuery({}))).total).toBe(expected);
      expect((await getFigures(officer, {})).total).toBe(expected);
      // Asking for another oblast's projects does not widen the scope.
      const other = oblast === "AKT" ? "MAN" : "AKT";
      const asked = await listProjects(officer, parseProjectListQuery({ oblast: other }));
      for (const project of asked.projects) expect(project.oblastCodes).toContain(oblast);
    }
  });

  it("akimat officer cannot open another oblast's project: it is simply not found", async () => {
    const officer = await actor("akimat.aty@batys.demo");
    const foreign = await prisma.project.findFirstOrThrow({
      where: { oblasts: { every: { oblast: { code: "MAN" } } } },
    });
    const own = await prisma.project.findFirstOrThrow({ where: { oblasts: { some: { oblast: { code: "ATY" } } } } });
    expect(await getProjectForUser(officer, foreign.code)).toBeNull();
    expect((await getProjectForUser(officer, own.code))?.code).toBe(own.code);
    expect(await getProjectForUser(officer, "NOT-A-CODE")).toBeNull();
  });

  it("search finds Kazakh text whatever the letter case, and Russian names", async () => {
    const admin = await actor("admin@batys.demo");
    const project = await prisma.project.findFirstOrThrow({
      where: { nameRu: { not: null } },
      orderBy: { code: "asc" },
    });
    const kazakhWord = project.nameKk.split(/\s+/).find((word) => word.length >= 5)!;
    const upper = await listProjects(admin, parseProjectListQuery({ q: kazakhWord.toLocaleUpperCase("kk") }));
    expect(upper.total).toBeGreaterThan(0);
    const russianWord = project.nameRu!.split(/\s+/).find((word) => word.length >= 5)!;
    const russian = await listProjects(admin, parseProjectListQuery({ q: russianWord }));
    expect(russian.total).toBeGreaterThan(0);
  });

  it("filters combine and agree with SQL", async () => {
    const admin = await actor("admin@batys.demo");
    const result = await listProjects(
      admin,
      parseProjectListQuery({ sector: "transport", horizon: "2040", oblast: "ATY" }),
    );
    const expected = await withSql(
      async (sql) =>
        (
          await sql.query(`
      SELECT count(DISTINCT p.id)::int AS n FROM projects p JOIN categories c ON c.id = p.category_id JOIN sectors s ON s.id = c.sector_id
      JOIN project_oblasts po ON po.project_id = p.id JOIN oblasts o ON o.id = po.oblast_id
      WHERE s.code = 'transport' AND p.horizon = 2040 AND o.code = 'ATY' AND p.withdrawn_at IS NULL`)
        ).rows[0].n,
    );
    expect(result.total).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });
});
