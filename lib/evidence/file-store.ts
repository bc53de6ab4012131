import "server-only";
import type { Readable } from "node:stream";
import { postgresFileStore } from "./postgres-file-store";
import { s3FileStore, s3SettingsFromEnv } from "./s3-file-store";

/**
 * Where evidence bytes live. Two implementations pass the same tests: PostgreSQL (the default, nothing to set up)
 * and S3-compatible object storage (when S3_BUCKET is set). Keys are chosen by the server, never by a user.
 */
export interface FileStore {
  readonly name: "postgres" | "s3";
  /** Stores the file at `path` (a server-side temporary file) under `key`, reading it in pieces. */
  put(key: string, path: string, info: { contentType: string; size: number }): Promise<void>;
  /** The stored bytes as a stream, read piece by piece; null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
}

const globalForStore = globalThis as unknown as { batysFileStore?: FileStore };

/** The store this deployment uses, chosen by the environment once per process. */
export function fileStore(): FileStore {
  if (!globalForStore.batysFileStore) {
    const s3 = s3SettingsFromEnv(process.env);
    globalForStore.batysFileStore = s3 ? s3FileStore(s3) : postgresFileStore();
  }
  return globalForStore.batysFileStore;
}

/** The store that holds a file written earlier (a deployment may have moved from one store to the other). */
export function storeNamed(name: string): FileStore {
  const current = fileStore();
  if (current.name === name) return current;
  if (name === "postgres") return postgresFileStore();
  throw new Error(`file store ${name} is not configured`);
}

/** For tests: use this store from now on. */
export function useFileStore(store: FileStore | undefined): void {
  globalForStore.batysFileStore = store;
}
