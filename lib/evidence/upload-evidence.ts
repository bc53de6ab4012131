import "server-only";
import Busboy from "busboy";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import sharp, { type Metadata } from "sharp";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../db";
import { PROJECT_CODE_PATTERN } from "../reference-data";
import { mayAddEvidence } from "./evidence-access";
import { photoFacts, type PhotoFacts } from "./exif";
import { fileStore } from "./file-store";
import {
  EVIDENCE_TYPES,
  officeTypeOf,
  safeFileName,
  sniffHead,
  zipCentralDirectory,
  zipEntryNames,
  type EvidenceType,
} from "./file-types";
import {
  MAX_CAPTION_LENGTH,
  MAX_FILE_BYTES,
  MAX_OPEN_DRAFTS,
  MAX_PIXELS,
  PHOTO_MAX_SIDE,
  THUMBNAIL_SIDE,
} from "./limits";

// libvips keeps no cache of decoded images between requests: memory is given back after each photo.
sharp.cache(false);

export type UploadRefusal =
  | "notFound"
  | "forbidden"
  | "noFile"
  | "tooLarge"
  | "wrongType"
  | "tooManyPixels"
  | "unreadableImage"
  | "heicUnsupported"
  | "tooManyDrafts";

/** An uploaded file not yet attached to anything: the form that picked it sends its id when saved. */
export type EvidenceDraft = {
  id: number;
  kind: "PHOTO" | "DOCUMENT";
  fileName: string;
  byteSize: number;
  takenAt: string | null;
  thumbnailUrl: string | null;
};
export type UploadResult = { ok: true; file: EvidenceDraft } | { ok: false; reason: UploadRefusal };

const ZProjectCode = z.string().regex(PROJECT_CODE_PATTERN);

type Received = { path: string; name: string; caption: string | null; truncated: boolean; bytes: number };

/** Reads a multipart body (one file, an optional caption) to a temporary file, stopping at the size limit. */
async function receive(
  contentType: string,
  body: ReadableStream<Uint8Array>,
  directory: string,
): Promise<Received | null> {
  const parser = Busboy({
    headers: { "content-type": contentType },
    // Browsers send file names in UTF-8 (Kazakh and Russian names must survive).
    defParamCharset: "utf8",
    limits: { files: 1, fileSize: MAX_FILE_BYTES, fields: 4, fieldSize: 4 * MAX_CAPTION_LENGTH, parts: 6 },
  });
  let received: Received | null = null;
  let caption: string | null = null;
  let writing: Promise<void> = Promise.resolve();
  parser.on("field", (name, value) => {
    if (name === "caption") caption = value.trim().slice(0, MAX_CAPTION_LENGTH) || null;
  });
  parser.on("file", (_field, stream, info) => {
    const file: Received = {
      path: path.join(directory, "upload"),
      name: info.filename ?? "",
      caption: null,
      truncated: false,
      bytes: 0,
    };
    received = file;
    stream.on("data", (piece: Buffer) => {
      file.bytes += piece.length;
    });
    stream.on("limit", () => {
      file.truncated = true;
    });
    writing = pipeline(stream, fs.createWriteStream(file.path));
  });
  await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), parser);
  await writing;
  if (received) (received as Received).caption = caption;
  return received;
}

async function readRange(file: string, position: number, length: number): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The real type of the received file, from its content only. */
export async function detectType(file: string, size: number): Promise<EvidenceType | null> {
  const head = sniffHead(await readRange(file, 0, 64));
  if (head !== "zip") return head;
  const tailLength = Math.min(size, 65_536 + 22);
  const directory = zipCentralDirectory(await readRange(file, size - tailLength, tailLength), size);
  if (!directory || directory.size > 4 * 1024 * 1024) return null;
  return officeTypeOf(zipEntryNames(await readRange(file, directory.offset, directory.size)));
}

type Prepared = {
  type: EvidenceType;
  path: string;
  thumbnailPath: string | null;
  width: number | null;
  height: number | null;
  facts: PhotoFacts;
};

class Refused extends Error {
  constructor(readonly reason: UploadRefusal) {
    super(reason);
  }
}

/**
 * A photo re-encoded without any metadata (EXIF, XMP, IPTC, ICC), turned upright and scaled to a sensible size,
 * plus a thumbnail; its time and GPS position are read first. A photo of more than MAX_PIXELS is refused from its
 * header, before any decoding.
 */
async function preparePhoto(type: EvidenceType, source: string, directory: string): Promise<Prepared> {
  let metadata: Metadata;
  try {
    metadata = await sharp(source, { limitInputPixels: false }).metadata();
  } catch {
    throw new Refused(type.code === "heic" ? "heicUnsupported" : "unreadableImage");
  }
  if (!metadata.width || !metadata.height) throw new Refused("unreadableImage");
  if (metadata.width * metadata.height > MAX_PIXELS) throw new Refused("tooManyPixels");
  const facts = photoFacts(metadata.exif);
  const output =
    type.code === "png" ? EVIDENCE_TYPES.png : type.code === "webp" ? EVIDENCE_TYPES.webp : EVIDENCE_TYPES.jpeg;
  const outputPath = path.join(directory, `photo.${output.extension}`);
  const thumbnailPath = path.join(directory, "thumbnail.jpg");
  try {
    const pipeline = sharp(source, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true });
    const encoded =
      output.code === "png"
        ? pipeline.png()
        : output.code === "webp"
          ? pipeline.webp({ quality: 85 })
          : pipeline.jpeg({ quality: 85 });
    const info = await encoded.toFile(outputPath);
    await sharp(outputPath)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 75 })
      .toFile(thumbnailPath);
    return { type: output, path: outputPath, thumbnailPath, width: info.width, height: info.height, facts };
  } catch (error) {
    if (String(error).includes("pixel limit")) throw new Refused("tooManyPixels");
    throw new Refused(type.code === "heic" ? "heicUnsupported" : "unreadableImage");
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** Loads a project by code for someone who may add evidence to it; a refusal reason otherwise. */
async function projectForEvidence(user: Actor, rawCode: unknown) {
  const code = ZProjectCode.safeParse(rawCode);
  if (!code.success) return "notFound" as const;
  const project = await prisma.project.findUnique({ where: { code: code.data }, include: { oblasts: true } });
  const oblastIds = project?.oblasts.map((link) => link.oblastId) ?? [];
  if (!project || !can(user, "project.view", { oblastIds })) return "notFound" as const;
  if (project.withdrawnAt || !mayAddEvidence(user, oblastIds)) return "forbidden" as const;
  return project;
}

/**
 * Receives one uploaded file for a project, streamed to a temporary file (never whole in memory), checks what it
 * really is, strips photos of their metadata, stores it and records it as the uploader's unattached draft.
 */
export async function uploadEvidence(
  user: Actor,
  input: { projectCode: unknown; contentType: string | null; body: ReadableStream<Uint8Array> | null },
  context: { ip: string | null },
): Promise<UploadResult> {
  const project = await projectForEvidence(user, input.projectCode);
  if (typeof project === "string") return { ok: false, reason: project };
  const openDrafts = await prisma.evidenceFile.count({
    where: { projectId: project.id, uploadedById: user.id, attachedAt: null, withdrawnAt: null },
  });
  if (openDrafts >= MAX_OPEN_DRAFTS) return { ok: false, reason: "tooManyDrafts" };
  if (!input.body || !input.contentType?.toLowerCase().startsWith("multipart/form-data"))
    return { ok: false, reason: "noFile" };

  const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), "batys-evidence-"));
  try {
    const received = await receive(input.contentType, input.body, directory).catch(() => null);
    if (!received || received.bytes === 0) return { ok: false, reason: "noFile" };
    if (received.truncated) return { ok: false, reason: "tooLarge" };
    const type = await detectType(received.path, received.bytes);
    if (!type) return { ok: false, reason: "wrongType" };
    const prepared: Prepared =
      type.kind === "PHOTO"
        ? await preparePhoto(type, received.path, directory)
        : {
            type,
            path: received.path,
            thumbnailPath: null,
            width: null,
            height: null,
            facts: { takenAt: null, latitude: null, longitude: null },
          };
    const store = fileStore();
    const size = (await fs.promises.stat(prepared.path)).size;
    const storageKey = `${project.id}/${randomUUID()}`;
    const thumbnailKey = prepared.thumbnailPath ? `${storageKey}-thumbnail` : null;
    await store.put(storageKey, prepared.path, { contentType: prepared.type.contentType, size });
    if (thumbnailKey && prepared.thumbnailPath) {
      const thumbnailSize = (await fs.promises.stat(prepared.thumbnailPath)).size;
      await store.put(thumbnailKey, prepared.thumbnailPath, { contentType: "image/jpeg", size: thumbnailSize });
    }
    const sha256 = await sha256Of(prepared.path);
    const fileName = safeFileName(received.name, prepared.type);
    const created = await prisma.$transaction(async (tx) => {
      const file = await tx.evidenceFile.create({
        data: {
          projectId: project.id,
          uploadedById: user.id,
          kind: prepared.type.kind,
          contentType: prepared.type.contentType,
          fileName,
          byteSize: size,
          sha256,
          storage: store.name,
          storageKey,
          thumbnailKey,
          width: prepared.width,
          height: prepared.height,
          caption: received.caption,
          takenAt: prepared.facts.takenAt,
          latitude: prepared.facts.latitude,
          longitude: prepared.facts.longitude,
        },
      });
      await writeAudit(tx, {
        actorId: user.id,
        action: "evidence.upload",
        targetType: "project",
        targetId: String(project.id),
        oblastId: project.oblasts[0]?.oblastId ?? null,
        after: { fileId: file.id, kind: file.kind, fileName, byteSize: size, sha256 },
        ip: context.ip,
      });
      return file;
    });
    return {
      ok: true,
      file: {
        id: created.id,
        kind: created.kind,
        fileName,
        byteSize: size,
        takenAt: created.takenAt?.toISOString() ?? null,
        thumbnailUrl: thumbnailKey ? `/api/files/${created.id}?size=thumbnail` : null,
      },
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  } finally {
    await fs.promises.rm(directory, { recursive: true, force: true });
  }
}
