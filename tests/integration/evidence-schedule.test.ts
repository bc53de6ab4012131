// Evidence on milestones and blockers: the same upload and attach path as progress updates and field reports, the
// same limits, the same access (everyone who sees the project; "not found" outside it) and the same withdrawal.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { useFileStore } from "@/lib/evidence/file-store";
import { MAX_FILE_BYTES, MAX_FILES_PER_ENTRY } from "@/lib/evidence/limits";
import { postgresFileStore } from "@/lib/evidence/postgres-file-store";
import { evidenceBy, evidenceForBlockers, evidenceForProject, openEvidence } from "@/lib/evidence/read-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { withdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { oc4idsPackageChunks } from "@/lib/reports/oc4ids";
import { saveBlocker } from "@/lib/schedule/blockers";
import { saveMilestone } from "@/lib/schedule/milestones";
import { actor } from "../support/actors";
import { withSql } from "../support/database";
import { pdfOfSize, photoWithExif, zipThatIsNotOffice } from "../support/evidence-files";

const ip = { ip: "192.0.2.71" };
const evidenceOf = (ids: number[], caption: string | null = null) => JSON.stringify(ids.map((id) => ({ id, caption })));

function upload(user: Actor, projectCode: string, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const request = new Request("http://localhost/api/files", { method: "POST", body: form });
  return uploadEvidence(
    user,
    { projectCode, contentType: request.headers.get("content-type"), body: request.body },
    ip,
  );
}

async function uploadedId(user: Actor, projectCode: string, colour = "#2a7a2a"): Promise<number> {
  const result = await upload(user, projectCode, await photoWithExif({ colour }), "site.jpg", "image/jpeg");
  if (!result.ok) throw new Error(`upload refused: ${result.reason}`);
  return result.file.id;
}

const unattached = (ids: number[]) =>
  prisma.evidenceFile.count({ where: { id: { in: ids }, attachedAt: null, milestoneId: null, blockerId: null } });

let project = { id: 0, code: "" };

beforeAll(async () => {
  useFileStore(postgresFileStore());
  // A Mangystau project no other test file takes (they take the first ones in either order).
  project = await prisma.project.findFirstOrThrow({
    where: {
      status: "PLANNED",
      version: 1,
      withdrawnAt: null,
      oblasts: { every: { oblast: { code: "MAN" } }, some: {} },
    },
    orderBy: { code: "desc" },
    skip: 7,
  });
});

const blockerBase = {
  category: "UTILITIES",
  description: "Электр желісіне қосылу кешігуде",
  escalation: "DISTRICT",
  status: "OPEN",
};

describe("evidence on milestones and blockers", () => {
  it("ministry attaches a photo and an act to a milestone: everyone in scope sees them, another oblast gets not found", async () => {
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const officer = await actor("akimat.man@batys.demo");
    const outsider = await actor("akimat.akt@batys.demo");
    const photo = await uploadedId(ministry, project.code);
    const act = await upload(ministry, project.code, pdfOfSize(4000), "акт.pdf", "application/pdf");
    expect(act.ok).toBe(true);
    const actId = act.ok ? act.file.id : 0;

    const saved = await saveMilestone(
      ministry,
      {
        projectCode: project.code,
        type: "CONTRACT_SIGNED",
        baselineDate: "2026-03-01",
        status: "SCHEDULED",
        evidence: evidenceOf([photo, actId], "Келісімшарт"),
      },
      ip,
    );
    expect(saved.ok).toBe(true);
    const milestoneId = saved.ok ? saved.milestoneId : 0;
    const files = await prisma.evidenceFile.findMany({ where: { id: { in: [photo, actId] } } });
    expect(files.every((file) => file.milestoneId === milestoneId && file.attachedAt !== null)).toBe(true);
    expect(files.every((file) => file.caption === "Келісімшарт")).toBe(true);
    expect(
      await prisma.auditLog.count({ where: { action: "evidence.attach", targetId: String(project.id) } }),
    ).toBeGreaterThan(0);

    for (const viewer of [ministry, manager, officer]) {
      expect(await openEvidence(viewer, photo, "thumbnail")).not.toBeNull();
      const listed = evidenceBy(await evidenceForProject(viewer, project.id, "kk"), "milestoneId");
      expect(listed[milestoneId]?.map((file) => file.id)).toEqual([photo, actId]);
    }
    expect(await openEvidence(outsider, photo, "full")).toBeNull();
    expect(await evidenceForProject(outsider, project.id, "kk")).toEqual([]);
    // Nor may someone outside the scope save the milestone or upload to the project.
    expect(await upload(outsider, project.code, await photoWithExif(), "p.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "notFound",
    });

    // The OC4IDS export (signed in) lists them as documents with their types.
    const chunks: string[] = [];
    for await (const chunk of oc4idsPackageChunks(manager, "https://batys.example.kz")) chunks.push(chunk);
    const data = JSON.parse(chunks.join("")) as {
      projects: { id: string; documents?: { id: string; documentType: string }[] }[];
    };
    const documents = data.projects.find((entry) => entry.id.endsWith(project.code))?.documents ?? [];
    expect(documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: `evidence-${photo}`, documentType: "illustration" }),
        expect.objectContaining({ id: `evidence-${actId}`, documentType: "physicalProgressReport" }),
      ]),
    );
  });

  it("the akimat officer responsible for a blocker attaches photos when updating it; others are refused and nothing changes", async () => {
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const officer = await actor("akimat.man@batys.demo");
    const outsider = await actor("akimat.akt@batys.demo");
    const raised = await saveBlocker(
      ministry,
      { ...blockerBase, projectCode: project.code, responsibleUserId: officer.id },
      ip,
    );
    expect(raised.ok).toBe(true);
    const blockerId = raised.ok ? raised.blockerId : 0;
    const update = { ...blockerBase, projectCode: project.code, blockerId, version: 1, status: "IN_HAND" };

    // A manager sees the project but adds nothing; an officer of another oblast gets "not found".
    expect(await upload(manager, project.code, await photoWithExif(), "p.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    const photo = await uploadedId(officer, project.code, "#884400");
    expect(await saveBlocker(outsider, { ...update, evidence: evidenceOf([photo]) }, ip)).toEqual({
      ok: false,
      reason: "notFound",
    });
    // Someone else's upload cannot be attached: the whole save is refused and nothing changes.
    expect(await saveBlocker(ministry, { ...update, evidence: evidenceOf([photo]) }, ip)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { evidence: "evidenceUnavailable" },
    });
    expect((await prisma.blocker.findUniqueOrThrow({ where: { id: blockerId } })).version).toBe(1);
    expect(await unattached([photo])).toBe(1);

    expect(await saveBlocker(officer, { ...update, evidence: evidenceOf([photo], "Трасса су астында") }, ip)).toEqual({
      ok: true,
      blockerId,
    });
    expect(await prisma.evidenceFile.findUniqueOrThrow({ where: { id: photo } })).toMatchObject({
      blockerId,
      caption: "Трасса су астында",
    });
    const register = await evidenceForBlockers(ministry, [blockerId], "en");
    expect(register[blockerId]?.map((file) => file.id)).toEqual([photo]);
    expect(await openEvidence(manager, photo, "full")).not.toBeNull();
    expect(await evidenceForBlockers(outsider, [blockerId], "en")).toEqual({});
    // Raising a blocker in their oblast, with a photo, is allowed; updating one they do not hold is not, and the
    // photo they meant for it stays their unattached upload.
    const raisedByOfficer = await saveBlocker(
      officer,
      { ...blockerBase, projectCode: project.code, evidence: evidenceOf([await uploadedId(officer, project.code)]) },
      ip,
    );
    expect(raisedByOfficer.ok).toBe(true);
    const notTheirs = await saveBlocker(ministry, { ...blockerBase, projectCode: project.code }, ip);
    const notTheirsId = notTheirs.ok ? notTheirs.blockerId : 0;
    const spare = await uploadedId(officer, project.code, "#334455");
    expect(
      await saveBlocker(
        officer,
        {
          ...blockerBase,
          projectCode: project.code,
          blockerId: notTheirsId,
          version: 1,
          evidence: evidenceOf([spare]),
        },
        ip,
      ),
    ).toEqual({ ok: false, reason: "forbidden" });
    expect(await unattached([spare])).toBe(1);
    expect(await prisma.evidenceFile.count({ where: { blockerId: notTheirsId } })).toBe(0);
  });

  it("the count, size and type limits hold on these paths too, over several saves", async () => {
    const ministry = await actor("ministry@batys.demo");
    // Refused at upload: a file too large, a file whose content is not what it claims.
    expect(await upload(ministry, project.code, pdfOfSize(MAX_FILE_BYTES + 1), "big.pdf", "application/pdf")).toEqual({
      ok: false,
      reason: "tooLarge",
    });
    expect(
      await upload(
        ministry,
        project.code,
        await zipThatIsNotOffice(),
        "act.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ),
    ).toEqual({ ok: false, reason: "wrongType" });
    expect(
      await upload(ministry, project.code, Buffer.from("MZ\u0090\u0000 a program, not a photo"), "x.jpg", "image/jpeg"),
    ).toEqual({
      ok: false,
      reason: "wrongType",
    });

    const raised = await saveBlocker(ministry, { ...blockerBase, projectCode: project.code }, ip);
    const blockerId = raised.ok ? raised.blockerId : 0;
    const ids: number[] = [];
    for (let index = 0; index < MAX_FILES_PER_ENTRY + 1; index++) ids.push(await uploadedId(ministry, project.code));
    // Eleven at once: refused by the input's own limit.
    const base = { ...blockerBase, projectCode: project.code, blockerId };
    expect(await saveBlocker(ministry, { ...base, version: 1, evidence: evidenceOf(ids) }, ip)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { evidence: "tooManyFiles" },
    });
    // Eight, then three more: the blocker would hold eleven, so the second save is refused whole.
    expect((await saveBlocker(ministry, { ...base, version: 1, evidence: evidenceOf(ids.slice(0, 8)) }, ip)).ok).toBe(
      true,
    );
    expect(
      await saveBlocker(ministry, { ...base, version: 2, status: "IN_HAND", evidence: evidenceOf(ids.slice(8)) }, ip),
    ).toEqual({ ok: false, reason: "invalid", fieldErrors: { evidence: "tooManyFiles" } });
    const blocker = await prisma.blocker.findUniqueOrThrow({ where: { id: blockerId } });
    expect(blocker).toMatchObject({ version: 2, status: "OPEN" });
    expect(await unattached(ids.slice(8))).toBe(3);
    // Two more fit exactly.
    expect((await saveBlocker(ministry, { ...base, version: 2, evidence: evidenceOf(ids.slice(8, 10)) }, ip)).ok).toBe(
      true,
    );
    expect(await prisma.evidenceFile.count({ where: { blockerId } })).toBe(MAX_FILES_PER_ENTRY);

    // The milestone form's field is held to the same limits.
    expect(
      await saveMilestone(
        ministry,
        { projectCode: project.code, type: "LAND_ALLOCATED", status: "SCHEDULED", evidence: '[{"id":"x"}]' },
        ip,
      ),
    ).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("a withdrawn milestone or blocker file is hidden from everyone but is kept, and the database keeps its link", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.man@batys.demo");
    const photo = await uploadedId(ministry, project.code, "#123456");
    const saved = await saveMilestone(
      ministry,
      { projectCode: project.code, type: "HANDED_OVER", status: "SCHEDULED", evidence: evidenceOf([photo]) },
      ip,
    );
    const milestoneId = saved.ok ? saved.milestoneId : 0;
    expect(await withdrawEvidence(officer, { fileId: photo, reason: "Қате" }, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await withdrawEvidence(ministry, { fileId: photo, reason: "Басқа нысанның суреті" }, ip)).toMatchObject({
      ok: true,
    });
    const forMinistry = await evidenceForProject(ministry, project.id, "ru");
    expect(forMinistry.find((file) => file.id === photo)?.withdrawn?.reason).toBe("Басқа нысанның суреті");
    expect(evidenceBy(forMinistry, "milestoneId")[milestoneId]).toBeUndefined();
    // Those who do not read the audit log no longer see it at all.
    expect((await evidenceForProject(officer, project.id, "ru")).map((file) => file.id)).not.toContain(photo);
    expect(await openEvidence(officer, photo, "full")).toBeNull();
    const kept = await prisma.evidenceFile.findUniqueOrThrow({ where: { id: photo } });
    expect(kept).toMatchObject({ milestoneId, withdrawalReason: "Басқа нысанның суреті" });
    await withSql(async (sql) => {
      await expect(sql.query("DELETE FROM evidence_files WHERE id = $1", [photo])).rejects.toThrow(/not allowed/);
      await expect(sql.query("UPDATE evidence_files SET milestone_id = NULL WHERE id = $1", [photo])).rejects.toThrow(
        /not allowed/,
      );
    });
    // A file cannot be attached to a milestone and a blocker at once, nor to a field report besides.
    const blocker = await prisma.blocker.findFirstOrThrow({ where: { projectId: project.id } });
    await withSql(async (sql) => {
      await expect(
        sql.query("UPDATE evidence_files SET blocker_id = $2 WHERE id = $1", [photo, blocker.id]),
      ).rejects.toThrow(/check/);
    });
  });
});
