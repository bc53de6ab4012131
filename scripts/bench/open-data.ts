// The open-data check of the bench: the whole OC4IDS export, produced by the same code the download uses, validated
// against the standard's own schema files (../shared/standards/oc4ids-0.9.5) — at the real catalog and at 100k
// projects. The package is checked in slices of projects, so 100k projects never sit in memory as one document.
import type { Actor } from "../../lib/auth/permissions";
import { packageValidator } from "../../tests/support/oc4ids-standard";
import type { Target } from "./report";

export type OpenDataResult = {
  phase: string;
  projects: number;
  megabytes: number;
  seconds: number;
  errors: number;
  /** The first few violations, to read. */
  examples: string[];
};

const SLICE = 1000;

export async function checkOc4idsExport(
  phase: string,
  actor: Actor,
  publicUrl: string,
  log: (line: string) => void,
): Promise<OpenDataResult> {
  const { oc4idsPackageChunks } = await import("../../lib/reports/oc4ids");
  const validate = packageValidator();
  const started = Date.now();
  let head: Record<string, unknown> | null = null;
  let slice: unknown[] = [];
  let projects = 0;
  let bytes = 0;
  let errors = 0;
  const examples: string[] = [];
  const check = () => {
    const problems = validate({ ...head, projects: slice });
    errors += problems.length;
    examples.push(...problems.slice(0, Math.max(0, 5 - examples.length)));
    slice = [];
  };
  for await (const chunk of oc4idsPackageChunks(actor, publicUrl)) {
    bytes += Buffer.byteLength(chunk);
    if (head === null) {
      // The first chunk opens the package: its fields, then `"projects":[`.
      head = JSON.parse(`${chunk.replace(/"projects":\[$/, '"projects":[]')}}`) as Record<string, unknown>;
      delete head.projects;
      continue;
    }
    if (chunk === "]}") break;
    slice.push(JSON.parse(chunk.startsWith(",") ? chunk.slice(1) : chunk));
    projects += 1;
    if (slice.length === SLICE) check();
    if (projects % 20_000 === 0) log(`  ${projects.toLocaleString("en")} projects checked`);
  }
  if (slice.length > 0 || projects === 0) check();
  const result = {
    phase,
    projects,
    megabytes: Math.round(bytes / 1024 / 102.4) / 10,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    errors,
    examples,
  };
  log(
    `  OC4IDS export: ${projects} projects, ${result.megabytes} MB in ${result.seconds} s; ${errors} schema errors${examples.length ? ` (${examples.join("; ")})` : ""}`,
  );
  return result;
}

export function openDataTargets(results: OpenDataResult[]): Target[] {
  return results.map((result) => ({
    what: `OC4IDS export validates against the 0.9.5 schema (${result.phase}, ${result.projects} projects)`,
    target: "0 errors",
    actual: `${result.errors} errors`,
    pass: result.errors === 0 && result.projects > 0,
  }));
}
