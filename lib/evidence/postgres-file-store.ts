import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { prisma } from "../db";
import type { FileStore } from "./file-store";

/** Size of one stored piece: a file is written and read this much at a time, never held whole in memory. */
export const CHUNK_BYTES = 256 * 1024;

/** Files in PostgreSQL, one row per 256 KiB piece (evidence_chunks), written and read one piece at a time. */
export function postgresFileStore(): FileStore {
  return {
    name: "postgres",
    async put(key, path) {
      let seq = 0;
      try {
        for await (const piece of fs.createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
          await prisma.evidenceChunk.create({ data: { storageKey: key, seq, data: new Uint8Array(piece as Buffer) } });
          seq++;
        }
      } catch (error) {
        // A half-written file is not evidence: its pieces go (no row names this key yet).
        await prisma.evidenceChunk.deleteMany({ where: { storageKey: key } });
        throw error;
      }
    },
    async get(key) {
      const first = await prisma.evidenceChunk.findUnique({ where: { storageKey_seq: { storageKey: key, seq: 0 } } });
      if (!first) return null;
      async function* pieces() {
        yield Buffer.from(first!.data);
        for (let seq = 1; ; seq++) {
          const next = await prisma.evidenceChunk.findUnique({ where: { storageKey_seq: { storageKey: key, seq } } });
          if (!next) return;
          yield Buffer.from(next.data);
        }
      }
      return Readable.from(pieces(), { objectMode: false });
    },
  };
}
