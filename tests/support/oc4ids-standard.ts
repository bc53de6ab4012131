// The OC4IDS 0.9.5 standard as published: its JSON schemas (draft-04) and codelists, read from ../shared/standards.
// Exports are validated against these files, never against a copy of the schema written in our code.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";

export const STANDARD_DIR = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "standards", "oc4ids-0.9.5");

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(STANDARD_DIR, file), "utf8"));
}

/** A validator of a whole project package; `errors` lists every violation (all of them, not the first). */
export function packageValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(readJson("project-schema.json"));
  const validate = ajv.compile(readJson("project-package-schema.json"));
  return (data: unknown) => {
    const valid = validate(data);
    return valid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

/** The codes of one codelist (its first CSV column). */
export function codelist(name: string): Set<string> {
  const lines = fs
    .readFileSync(path.join(STANDARD_DIR, "codelists", `${name}.csv`), "utf8")
    .trim()
    .split(/\r?\n/);
  return new Set(lines.slice(1).map((line) => line.split(",")[0]!.trim()));
}
