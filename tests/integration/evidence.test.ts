import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { acceptFieldReport } from "@/lib/field-reports/accept-field-report";
import { submitFieldReport } from "@/lib/field-reports/submit-field-report";
import { useFileStore, type FileStore } from "@/lib/evidence/file-store";
import { MAX_FILE_BYTES } from "@/lib/evidence/limits";
import { CHUNK_BYTES, postgresFileStore } from "@/lib/evidence/postgres-file-store";
import {
  evidenceByUpdate,
  evidenceForFieldReports,
  evidenceForProject,
  openEvidence,
} from "@/lib/evidence/read-evidence";
import { s3FileStore } from "@/lib/evidence/s3-file-store";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { withdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { todayInKazakhstan } from "@/lib/progress/calendar";
import { recordProgress } from "@/lib/progress/record-progress";
import { oc4idsPackageChunks } from "@/lib/reports/oc4ids";
import { actor, projectFingerprint } from "../support/actors";
import { withSql } from "../support/database";
import { codelist, packageValidator } from "../support/oc4ids-standard";
import { pdfOfSize, photoWithExif, pngBomb, xlsxWorkbook, zipThatIsNotOffice } from "../support/evidence-files";

const today = todayInKazakhstan();
/** The `evidence` field a form sends: the uploads it names, with their captions. */
const evidenceOf = (ids: number[]) => JSON.stringify(ids.map((id) => ({ id, caption: null })));
type Document = { id: string; documentType: string; url: string };
const ip = { ip: "192.0.2.70" };

/** Uploads bytes the way the browser does: a multipart body with the file (and its claimed name and type). */
function upload(user: Actor, projectCode: string, bytes: Buffer, name: string, type: string, caption?: string) {
  const form = new FormData();
  if (caption) form.set("caption", caption);
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const request = new Request("http://localhost/api/files", { method: "POST", body: form });
  return uploadEvidence(
    user,
    { projectCode, contentType: request.headers.get("content-type"), body: request.body },
    ip,
  );
}

async function readAll(stream: NodeJS.ReadableStream): Promise<{ bytes: Buffer; pieces: number; largest: number }> {
  const parts: Buffer[] = [];
  let largest = 0;
  for await (const piece of stream) {
    parts.push(piece as Buffer);
    largest = Math.max(largest, (piece as Buffer).length);
  }
  return { bytes: Buffer.concat(parts), pieces: parts.length, largest };
}

async function storedCounts() {
  const [files, chunks] = await Promise.all([prisma.evidenceFile.count(), prisma.evidenceChunk.count()]);
  return { files, chunks };
}

/** A project of one oblast nobody has touched, taken from the far end of the catalog (other tests take the start). */
function freshProject(oblastCode: string, offset: number) {
  return prisma.project.findFirstOrThrow({
    where: {
      status: "PLANNED",
      version: 1,
      withdrawnAt: null,
      oblasts: { every: { oblast: { code: oblastCode } }, some: {} },
    },
    orderBy: { code: "desc" },
    skip: offset,
    include: { oblasts: true },
  });
}

let s3server: S3rver | null = null;
let s3directory = "";
async function startS3(): Promise<FileStore> {
  s3directory = fs.mkdtempSync(path.join(os.tmpdir(), "batys-s3rver-"));
  s3server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3directory });
  const { port } = (await s3server.run()) as { port: number };
  const settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: "batys-evidence",
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  };
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  return s3FileStore(settings);
}

afterAll(async () => {
  useFileStore(undefined);
  if (s3server) await s3server.close();
  if (s3directory) fs.rmSync(s3directory, { recursive: true, force: true });
});

// The same suite runs against both stores.
describe.each([
  { storeName: "postgres", offset: 0 },
  { storeName: "s3", offset: 0 },
])("evidence in the $storeName store", ({ storeName, offset }) => {
  beforeAll(async () => {
    useFileStore(storeName === "s3" ? await startS3() : postgresFileStore());
  });

  it("a photo keeps its EXIF time and place, loses every other EXIF field, and gets a thumbnail", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("AKT", offset);
    const result = await upload(ministry, project.code, await photoWithExif(), "IMG_0001.JPG", "image/jpeg");
    expect(result).toMatchObject({ ok: true, file: { kind: "PHOTO", fileName: "IMG_0001.jpg" } });
    const fileId = (result as { file: { id: number } }).file.id;
    const row = await prisma.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row).toMatchObject({ storage: storeName, contentType: "image/jpeg", attachedAt: null });
    expect(row.takenAt?.toISOString()).toBe("2026-11-14T10:20:30.000Z");
    expect(row.latitude).toBeCloseTo(47.85, 5);
    expect(row.longitude).toBeCloseTo(59.65, 5);

    const full = await openEvidence(ministry, fileId, "full");
    const { bytes } = await readAll(full!.stream);
    expect(bytes.length).toBe(row.byteSize);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    for (const secret of ["AcmePhone", "Secret Model 9", "Owner Name Hidden", "Private Person"])
      expect(bytes.includes(Buffer.from(secret))).toBe(false);

    const thumbnail = await openEvidence(ministry, fileId, "thumbnail");
    const thumbnailMeta = await sharp((await readAll(thumbnail!.stream)).bytes).metadata();
    expect(thumbnailMeta).toMatchObject({ format: "jpeg", width: 480, height: 360 });
    expect(thumbnailMeta.exif).toBeUndefined();

    // Attached to a progress update, it shows on the timeline with its date and the nearest place.
    expect(
      await recordProgress(
        ministry,
        {
          projectCode: project.code,
          version: project.version,
          status: "DESIGN",
          percentComplete: 5,
          asOf: today,
          evidence: JSON.stringify([{ id: fileId, caption: "Учаскенің басы" }]),
        },
        ip,
      ),
    ).toEqual({ ok: true, version: 2 });
    const files = await evidenceForProject(ministry, project.id, "en");
    expect(files[0]).toMatchObject({
      id: fileId,
      caption: "Учаскенің басы",
      takenAt: "2026-11-14T10:20:30",
      place: { name: "Shalkar", km: 3 },
    });
    const update = await prisma.progressUpdate.findFirstOrThrow({ where: { projectId: project.id } });
    expect(evidenceByUpdate(files)[update.id]?.map((file) => file.id)).toEqual([fileId]);
  });

  it("documents are stored byte for byte, and a large one is written and read in pieces, never whole", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("AKT", offset);
    const xlsx = await upload(ministry, project.code, await xlsxWorkbook(), "act.xlsx", "application/octet-stream");
    expect(xlsx).toMatchObject({ ok: true, file: { kind: "DOCUMENT", fileName: "act.xlsx" } });

    const pdf = pdfOfSize(12 * 1024 * 1024 + 123);
    const result = await upload(ministry, project.code, pdf, "акт приёмки.pdf", "application/pdf");
    expect(result).toMatchObject({ ok: true, file: { kind: "DOCUMENT", fileName: "акт приёмки.pdf" } });
    const fileId = (result as { file: { id: number } }).file.id;
    const row = await prisma.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    if (storeName === "postgres") {
      expect(await prisma.evidenceChunk.count({ where: { storageKey: row.storageKey } })).toBe(
        Math.ceil(pdf.length / CHUNK_BYTES),
      );
    }
    const heapBefore = process.memoryUsage().heapUsed;
    const opened = await openEvidence(ministry, fileId, "full");
    let pieces = 0;
    let largest = 0;
    const hash = (await import("node:crypto")).createHash("sha256");
    for await (const piece of opened!.stream) {
      pieces++;
      largest = Math.max(largest, (piece as Buffer).length);
      hash.update(piece as Buffer);
    }
    expect(hash.digest("hex")).toBe(row.sha256);
    expect(pieces).toBeGreaterThan(8);
    expect(largest).toBeLessThanOrEqual(CHUNK_BYTES);
    // Reading 12 MB piece by piece does not keep 12 MB alive.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(pdf.length);
  });

  it("a file is judged by its content: spoofed names and types, size and pixel bombs are refused and nothing is stored", async () => {
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("AKT", offset);
    const before = await storedCounts();
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    expect(await upload(ministry, project.code, html, "photo.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "wrongType",
    });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2000)]);
    expect(await upload(ministry, project.code, exe, "act.pdf", "application/pdf")).toEqual({
      ok: false,
      reason: "wrongType",
    });
    expect(await upload(ministry, project.code, await zipThatIsNotOffice(), "a.docx", "application/zip")).toEqual({
      ok: false,
      reason: "wrongType",
    });
    // A JPEG header over garbage is not a photo.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    expect(await upload(ministry, project.code, broken, "x.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "unreadableImage",
    });
    expect(await upload(ministry, project.code, pngBomb(30_000, 30_000), "bomb.png", "image/png")).toEqual({
      ok: false,
      reason: "tooManyPixels",
    });
    expect(await upload(ministry, project.code, pdfOfSize(MAX_FILE_BYTES + 1), "big.pdf", "application/pdf")).toEqual({
      ok: false,
      reason: "tooLarge",
    });
    expect(await storedCounts()).toEqual(before);
  });
});

describe("who sees evidence", () => {
  beforeAll(() => useFileStore(postgresFileStore()));

  it("an officer's photos on a field report reach the reviewers, then everyone in scope once accepted; other oblasts get not found", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const otherOfficer = await actor("akimat.man@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const manager = await actor("manager@batys.demo");
    const project = await freshProject("AKT", 0);
    const ids: number[] = [];
    for (const colour of ["#aa3333", "#3333aa"]) {
      const result = await upload(officer, project.code, await photoWithExif({ colour }), "p.jpg", "image/jpeg");
      ids.push((result as { file: { id: number } }).file.id);
    }
    // Another oblast's officer cannot upload to this project, nor see the drafts.
    expect(await upload(otherOfficer, project.code, await photoWithExif(), "p.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "notFound",
    });
    // A manager may see the project but not add evidence.
    expect(await upload(manager, project.code, await photoWithExif(), "p.jpg", "image/jpeg")).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await openEvidence(ministry, ids[0]!, "full")).toBeNull(); // someone else's draft

    const submitted = await submitFieldReport(
      officer,
      {
        projectCode: project.code,
        status: "IN_PROGRESS",
        percentComplete: 20,
        asOf: today,
        comment: "Құрылыс басталды",
        evidence: evidenceOf(ids),
      },
      ip,
    );
    expect(submitted.ok).toBe(true);
    const reportId = (submitted as { reportId: number }).reportId;
    const queue = await evidenceForFieldReports(ministry, [reportId], "kk");
    expect(queue[reportId]?.map((file) => file.id)).toEqual(ids);
    expect(await openEvidence(ministry, ids[0]!, "thumbnail")).not.toBeNull();
    expect(await openEvidence(manager, ids[0]!, "full")).toBeNull(); // not yet accepted
    expect(await openEvidence(otherOfficer, ids[0]!, "full")).toBeNull();

    expect(await acceptFieldReport(ministry, { reportId }, ip)).toEqual({ ok: true });
    const update = await prisma.progressUpdate.findFirstOrThrow({ where: { projectId: project.id } });
    const files = await prisma.evidenceFile.findMany({ where: { id: { in: ids } } });
    expect(files.every((file) => file.progressUpdateId === update.id && file.fieldReportId === reportId)).toBe(true);
    expect(await openEvidence(manager, ids[0]!, "full")).not.toBeNull();
    expect(await openEvidence(officer, ids[1]!, "full")).not.toBeNull();
    expect(await openEvidence(otherOfficer, ids[0]!, "full")).toBeNull();
    expect(await evidenceForProject(otherOfficer, project.id, "kk")).toEqual([]);
  });

  it("a report that replaces the officer's pending one takes its files along, and acceptance hands them on", async () => {
    const officer = await actor("akimat.akt@batys.demo");
    const ministry = await actor("ministry@batys.demo");
    const project = await freshProject("AKT", 0);
    const photo = async (colour: string) =>
      (
        (await upload(officer, project.code, await photoWithExif({ colour }), "p.jpg", "image/jpeg")) as {
          file: { id: number };
        }
      ).file.id;
    const report = async (percentComplete: number, ids: number[]) =>
      (await submitFieldReport(
        officer,
        {
          projectCode: project.code,
          status: "DESIGN",
          percentComplete,
          asOf: today,
          comment: "Жоба",
          evidence: evidenceOf(ids),
        },
        ip,
      )) as { ok: true; reportId: number; replacedReportId: number | null };
    const first = await photo("#118811");
    const firstReport = await report(5, [first]);
    const second = await photo("#881111");
    const secondReport = await report(10, [second]);
    expect(secondReport).toMatchObject({ ok: true, replacedReportId: firstReport.reportId });
    const queue = await evidenceForFieldReports(ministry, [firstReport.reportId, secondReport.reportId], "kk");
    expect(queue[secondReport.reportId]?.map((file) => file.id)).toEqual([first, second]);
    expect(queue[firstReport.reportId]).toBeUndefined();
    expect(await acceptFieldReport(ministry, { reportId: secondReport.reportId }, ip)).toEqual({ ok: true });
    const update = await prisma.progressUpdate.findFirstOrThrow({ where: { projectId: project.id } });
    const timeline = evidenceByUpdate(await evidenceForProject(await actor("manager@batys.demo"), project.id, "kk"));
    expect(timeline[update.id]?.map((file) => file.id)).toEqual([first, second]);
  });

  it("a file cannot be attached twice, nor by someone else, and the refused save changes nothing", async () => {
    const ministry = await actor("ministry@batys.demo");
    const admin = await actor("admin@batys.demo");
    const project = await freshProject("AKT", 0);
    const uploaded = await upload(ministry, project.code, await xlsxWorkbook(), "a.xlsx", "application/vnd.ms-excel");
    const fileId = (uploaded as { file: { id: number } }).file.id;
    const progress = (version: number) => ({
      projectCode: project.code,
      version,
      status: "DESIGN",
      percentComplete: 5,
      asOf: today,
      evidence: evidenceOf([fileId]),
    });
    let before = await projectFingerprint(project.id);
    expect(await recordProgress(admin, progress(1), ip)).toMatchObject({
      reason: "invalid",
      fieldErrors: { evidence: "evidenceUnavailable" },
    });
    expect(await projectFingerprint(project.id)).toEqual(before);
    // A change the rules refuse leaves the upload a draft, so the form can send it again once corrected.
    expect(await recordProgress(ministry, { ...progress(1), percentComplete: "50.5" }, ip)).toMatchObject({
      fieldErrors: { percentComplete: "wholeNumber" },
    });
    expect(await prisma.evidenceFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({ attachedAt: null });
    expect(await projectFingerprint(project.id)).toEqual(before);
    expect(await recordProgress(ministry, progress(1), ip)).toEqual({ ok: true, version: 2 });
    before = await projectFingerprint(project.id);
    expect(await recordProgress(ministry, progress(2), ip)).toMatchObject({
      fieldErrors: { evidence: "evidenceUnavailable" },
    });
    const eleven = evidenceOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await recordProgress(ministry, { ...progress(2), evidence: eleven }, ip)).toMatchObject({
      fieldErrors: { evidence: "tooManyFiles" },
    });
    for (const bad of ["12,13", '[{"id":"0x0c"}]', '[{"id":5},{"id":5}]', "{}"])
      expect(await recordProgress(ministry, { ...progress(2), evidence: bad }, ip)).toMatchObject({
        fieldErrors: { evidence: "invalid" },
      });
    expect(await projectFingerprint(project.id)).toEqual(before);
  });

  it("a withdrawn file leaves the timeline but is kept, with its reason, and the database refuses to delete it", async () => {
    const ministry = await actor("ministry@batys.demo");
    const officer = await actor("akimat.akt@batys.demo");
    const project = await freshProject("AKT", 0);
    const uploaded = await upload(ministry, project.code, await photoWithExif(), "p.jpg", "image/jpeg");
    const fileId = (uploaded as { file: { id: number } }).file.id;
    await recordProgress(
      ministry,
      {
        projectCode: project.code,
        version: 1,
        status: "DESIGN",
        percentComplete: 5,
        asOf: today,
        evidence: evidenceOf([fileId]),
      },
      ip,
    );
    expect(await withdrawEvidence(officer, { fileId, reason: "Қате сурет" }, ip)).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await withdrawEvidence(ministry, { fileId, reason: " " }, ip)).toMatchObject({ reason: "invalid" });
    expect(await withdrawEvidence(ministry, { fileId, reason: "Басқа жобаның суреті" }, ip)).toEqual({
      ok: true,
      projectCode: project.code,
    });
    expect(await withdrawEvidence(ministry, { fileId, reason: "again" }, ip)).toEqual({
      ok: false,
      reason: "alreadyWithdrawn",
    });
    const forMinistry = await evidenceForProject(ministry, project.id, "ru");
    expect(forMinistry[0]?.withdrawn?.reason).toBe("Басқа жобаның суреті");
    expect(evidenceByUpdate(forMinistry)).toEqual({});
    expect(await evidenceForProject(officer, project.id, "ru")).toEqual([]);
    expect(await openEvidence(officer, fileId, "full")).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "evidence.withdraw", targetId: String(project.id) } })).toBe(
      1,
    );
    await withSql(async (sql) => {
      await expect(sql.query("DELETE FROM evidence_files WHERE id = $1", [fileId])).rejects.toThrow(/not allowed/);
      for (const change of [
        "withdrawn_at = NULL, withdrawn_by_id = NULL, withdrawal_reason = NULL",
        "storage_key = 'elsewhere'",
        "sha256 = 'x'",
        "progress_update_id = NULL",
      ])
        await expect(sql.query(`UPDATE evidence_files SET ${change} WHERE id = $1`, [fileId])).rejects.toThrow(
          /not allowed/,
        );
    });
  });

  it("the OC4IDS export lists the evidence of progress updates as documents with their types, withdrawn files left out", async () => {
    const chunks: string[] = [];
    for await (const chunk of oc4idsPackageChunks(await actor("manager@batys.demo"), "https://batys.example.kz"))
      chunks.push(chunk);
    const data = JSON.parse(chunks.join("")) as { projects: { documents?: Document[] }[] };
    expect(packageValidator()(data)).toEqual([]);
    const documents = data.projects.flatMap((project) => project.documents ?? []);
    const documentTypes = codelist("documentType")!;
    expect(documents.filter((document) => !documentTypes.has(document.documentType))).toEqual([]);
    const exported = documents.map((document) => Number(document.id.replace("evidence-", "")));
    const expected = await prisma.evidenceFile.findMany({
      where: {
        OR: [{ progressUpdateId: { not: null } }, { milestoneId: { not: null } }, { blockerId: { not: null } }],
        withdrawnAt: null,
      },
      select: { id: true },
    });
    expect(exported.sort()).toEqual(expected.map((file) => file.id).sort());
    expect(new Set(documents.map((document) => document.documentType))).toEqual(
      new Set(["illustration", "physicalProgressReport"]),
    );
    expect(documents[0]?.url).toMatch(/^https:\/\/batys\.example\.kz\/api\/files\/\d+$/);
    const withdrawn = await prisma.evidenceFile.findMany({ where: { withdrawnAt: { not: null } } });
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const file of withdrawn) expect(exported).not.toContain(file.id);
  });
});
