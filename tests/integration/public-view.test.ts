import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getFigures } from "@/lib/dashboard/dashboard";
import { prisma } from "@/lib/db";
import { PEER_ADDRESS_HEADER, PEER_PROOF_HEADER, peerProofSecret } from "@/lib/http/peer-address";
import { countProjects, parseProjectListQuery } from "@/lib/projects/list-projects";
import { forgetPublicAnswers, publicDataVersion } from "@/lib/public/public-cache";
import { getPublicFigures, getPublicOblastCompletion } from "@/lib/public/public-figures";
import {
  getPublicProject,
  listPublicProjects,
  parsePublicListQuery,
  parsePublicListQueryStrictly,
  publicExportRows,
} from "@/lib/public/public-projects";
import { publicThrottleKey, takePublicRequest } from "@/lib/public/rate-limit";
import { publicOc4idsPackageChunks } from "@/lib/reports/oc4ids";
import { getOblastCompletion } from "@/lib/geo/oblast-completion";
import { proxy } from "@/proxy";
import { actor, freshProject } from "../support/actors";
import { withSql } from "../support/database";
import { packageValidator } from "../support/oc4ids-standard";

// The public view (/public) shows public fields only. A project is given everything private the tracker holds —
// a progress comment and evidence, a field report, a pause reason, a confidence reason, a budget note, a
// responsible organisation and officer — each carrying a marker, and no public answer may contain a marker, a
// user's name or e-mail address.
const MARKER = "PRIVATE-MARKER-7Q2";
let code = "";
let projectId = 0;
let userNames: string[] = [];
let userEmails: string[] = [];

const t = (key: string) => key;
const rows = async (query = parsePublicListQuery({})) => {
  const all: unknown[][] = [];
  for await (const row of publicExportRows(query, t, "en", 300)) all.push(row);
  return all;
};
async function publicPackage(): Promise<{ projects: { id: string }[] }> {
  const chunks: string[] = [];
  for await (const chunk of publicOc4idsPackageChunks("https://batys.example.kz", 300)) chunks.push(chunk);
  return JSON.parse(chunks.join(""));
}
function expectNothingPrivate(answer: unknown) {
  const text = JSON.stringify(answer);
  expect(text).not.toContain(MARKER);
  for (const email of userEmails) expect(text).not.toContain(email);
  for (const name of userNames) expect(text).not.toContain(name);
}

beforeAll(async () => {
  const project = await freshProject("AKT", 3);
  code = project.code;
  projectId = project.id;
  const [ministry, akimat] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { email: "ministry@batys.demo" } }),
    prisma.user.findUniqueOrThrow({ where: { email: "akimat.akt@batys.demo" } }),
  ]);
  await withSql(async (sql) => {
    await sql.query(
      `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete, previous_percent,
         as_of, comment, evidence_url, pause_reason)
       VALUES ($1, $2, 'PAUSED', 'PLANNED', 15, 0, '2026-06-01'::date, $3, $4, 'FINANCING')`,
      [projectId, ministry.id, `comment ${MARKER}`, `https://evidence.example.kz/${MARKER}.jpg`],
    );
    await sql.query(
      `INSERT INTO field_reports (project_id, submitted_by_id, status, percent_complete, as_of, comment, evidence_url)
       VALUES ($1, $2, 'IN_PROGRESS', 20, '2026-06-02'::date, $3, $4)`,
      [projectId, akimat.id, `field report ${MARKER}`, `https://evidence.example.kz/field-${MARKER}.jpg`],
    );
    await sql.query(
      `UPDATE projects SET status = 'PAUSED', percent_complete = 15, pause_reason = 'FINANCING',
         last_progress_as_of = '2026-06-01', last_progress_at = now(), confidence = 'RED',
         confidence_reason = $2, budget_baseline = 1000000, budget_spent = 500, budget_note = $2,
         responsible_organisation = $2, responsible_officer_id = $3, version = version + 1
       WHERE id = $1`,
      [projectId, `reason ${MARKER}`, ministry.id],
    );
  });
  const users = await prisma.user.findMany({ select: { name: true, email: true } });
  userNames = users.map((user) => user.name).filter((name) => name.length >= 6);
  userEmails = users.map((user) => user.email);
});

beforeEach(() => forgetPublicAnswers());

describe("the public view's answers", () => {
  it("never contain comments, evidence, field reports, reasons, budgets, organisations or people", async () => {
    const page = await getPublicProject(code);
    expect(page).not.toBeNull();
    expect(page!.status).toBe("PAUSED");
    expect(page!.percentComplete).toBe(15);
    expect(page!.lastUpdate).toBe("2026-06-01");
    expectNothingPrivate(page);
    expect(Object.keys(page!).sort()).toEqual(
      [
        "action",
        "category",
        "code",
        "district",
        "horizon",
        "kind",
        "lastUpdate",
        "nameEn",
        "nameKk",
        "nameRu",
        "oblastCodes",
        "percentComplete",
        "place",
        "plannedQuantity",
        "sector",
        "source",
        "status",
        "unit",
      ].sort(),
    );
    const list = await listPublicProjects(parsePublicListQuery({ oblast: "AKT", status: "PAUSED" }));
    expect(list.projects.map((project) => project.code)).toContain(code);
    expectNothingPrivate(list);
    expectNothingPrivate(await listPublicProjects(parsePublicListQuery({ sort: "updated" })));
    expectNothingPrivate(await getPublicFigures({ kind: "ALL" }));
    expectNothingPrivate(await rows());
    const data = await publicPackage();
    expectNothingPrivate(data);
    const ours = JSON.stringify(data.projects.find((project) => project.id.endsWith(code)));
    expect(ours).toContain('"status":"implementation"');
    for (const key of ["budget", "publicAuthority", "parties", "financialProgress"]) expect(ours).not.toContain(key);
  });

  it("ignore the signed-in list's private filters: 'my projects' and the risk figures", async () => {
    const query = parsePublicListQuery({ mine: "1", figure: "atRisk" });
    expect(query.mine).toBeUndefined();
    expect(query.figure).toBeUndefined();
    expect(parsePublicListQueryStrictly({ mine: "1" })).toBeNull();
    expect(parsePublicListQueryStrictly({ figure: "watch" })).toBeNull();
    expect(parsePublicListQueryStrictly({ oblast: "XXX" })).toBeNull();
    expect(parsePublicListQueryStrictly({ oblast: "AKT", format: "csv" })?.oblast).toBe("AKT");
  });

  it("show the same numbers as a signed-in manager's dashboard, for the region and an oblast", async () => {
    const manager = await actor("manager@batys.demo");
    for (const filter of [{ kind: "OBJECT" as const }, { kind: "ALL" as const, oblastCode: "ATY" }]) {
      const [publicFigures, signedIn] = await Promise.all([getPublicFigures(filter), getFigures(manager, filter)]);
      for (const key of ["total", "notStarted", "inProgress", "completed", "paused", "averagePercent"] as const)
        expect(publicFigures[key]).toBe(signedIn[key]);
    }
    expect(await getPublicOblastCompletion("OBJECT")).toEqual(await getOblastCompletion(manager, "OBJECT"));
    const list = await listPublicProjects(parsePublicListQuery({ oblast: "MAN" }));
    expect(list.total).toBe(await countProjects(manager, parseProjectListQuery({ oblast: "MAN" })));
  });

  it("leave withdrawn projects out as the signed-in list does, and their pages are not found", async () => {
    const manager = await actor("manager@batys.demo");
    const withdrawn = await freshProject("ZKO", 2);
    await prisma.project.update({ where: { id: withdrawn.id }, data: { withdrawnAt: new Date() } });
    try {
      expect(await getPublicProject(withdrawn.code)).toBeNull();
      const query = parsePublicListQuery({ oblast: "ZKO" });
      const list = await listPublicProjects({ ...query, q: withdrawn.code });
      expect(list.projects).toEqual([]);
      expect((await listPublicProjects(query)).total).toBe(
        await countProjects(manager, parseProjectListQuery({ oblast: "ZKO" })),
      );
      expect((await rows(query)).map((row) => row[0])).not.toContain(withdrawn.code);
      const data = await publicPackage();
      expect(data.projects.map((project) => project.id)).not.toContain(`oc4ids-kzbtys-${withdrawn.code}`);
      expect(data.projects).toHaveLength(await prisma.project.count({ where: { withdrawnAt: null } }));
    } finally {
      await prisma.project.update({ where: { id: withdrawn.id }, data: { withdrawnAt: null } });
    }
  });

  it("publish an OC4IDS package that validates against the standard's schema", async () => {
    expect(packageValidator()(await publicPackage())).toEqual([]);
  });

  it("are kept until the data changes, and a recorded change shows at once", async () => {
    const before = await publicDataVersion();
    expect(await publicDataVersion()).toBe(before);
    const first = await getPublicProject(code);
    // Served again from memory: the same object.
    expect(await getPublicProject(code)).toBe(first);
    // A recorded change: its history row and the project together, as the write path leaves them.
    const author = await prisma.user.findUniqueOrThrow({ where: { email: "ministry@batys.demo" } });
    await withSql(async (sql) => {
      await sql.query(
        `INSERT INTO progress_updates (project_id, author_id, status, previous_status, percent_complete,
           previous_percent, as_of)
         VALUES ($1, $2, 'IN_PROGRESS', 'PAUSED', 40, 15, '2026-06-10'::date)`,
        [projectId, author.id],
      );
      await sql.query(
        `UPDATE projects SET status = 'IN_PROGRESS', percent_complete = 40, pause_reason = NULL,
           last_progress_as_of = '2026-06-10', last_progress_at = now(), version = version + 1
         WHERE id = $1`,
        [projectId],
      );
    });
    expect(await publicDataVersion()).not.toBe(before);
    const after = await getPublicProject(code);
    expect(after!.percentComplete).toBe(40);
    expect(after!.status).toBe("IN_PROGRESS");
  });
});

describe("the public view's throttle", () => {
  const address = "203.0.113.77";
  afterAll(() => prisma.signInThrottle.deleteMany({ where: { key: { startsWith: "public:" } } }));

  it("serves an address its limit per minute, then refuses until the minute ends", async () => {
    const start = new Date("2026-12-01T10:00:00Z");
    for (let request = 0; request < 3; request++)
      expect(await takePublicRequest(address, new Date(start.getTime() + request * 1000), 3)).toEqual({ ok: true });
    expect(await takePublicRequest(address, new Date(start.getTime() + 20_000), 3)).toEqual({
      ok: false,
      retryAfterSeconds: 40,
    });
    // Another address is not affected.
    expect(await takePublicRequest("203.0.113.78", new Date(start.getTime() + 20_000), 3)).toEqual({ ok: true });
    expect(await takePublicRequest(address, new Date(start.getTime() + 61_000), 3)).toEqual({ ok: true });
  });

  it("answers 429 with Retry-After in the reader's language from proxy.ts, counting the real peer address", async () => {
    const previous = process.env.PUBLIC_REQUESTS_PER_MINUTE;
    process.env.PUBLIC_REQUESTS_PER_MINUTE = "2";
    try {
      const request = (path: string) =>
        new NextRequest(`http://localhost${path}`, {
          headers: {
            [PEER_ADDRESS_HEADER]: "198.51.100.9",
            [PEER_PROOF_HEADER]: peerProofSecret(),
            // A forged forwarding header changes nothing: the peer is counted.
            "x-forwarded-for": `10.0.0.${Math.floor(Math.random() * 200)}`,
            cookie: "NEXT_LOCALE=ru",
          },
        });
      expect((await proxy(request("/public"))).status).toBe(200);
      expect((await proxy(request("/public/projects"))).status).toBe(200);
      const refused = await proxy(request("/public/data/oc4ids"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(await refused.text()).toContain("Слишком много запросов");
      // Signed-in pages are not counted by this throttle.
      expect((await proxy(request("/projects"))).status).toBe(200);
      const row = await prisma.signInThrottle.findUnique({ where: { key: publicThrottleKey("198.51.100.9") } });
      expect(row?.failures).toBe(3);
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_REQUESTS_PER_MINUTE;
      else process.env.PUBLIC_REQUESTS_PER_MINUTE = previous;
    }
  });
});
