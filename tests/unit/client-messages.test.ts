// Issue 22: only the message namespaces client components read go to the browser (lib/i18n/client-messages.ts).
// This scan finds every "use client" module under app/ and components/ and the modules they import, and the
// namespaces they name (useTranslations("ns"), or a key "ns.…" with a root translator), so a client component that
// starts reading a new namespace fails here instead of showing a missing message in the browser.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "@/lib/i18n/client-messages";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

const root = path.resolve(import.meta.dirname, "..", "..");
const namespaces = Object.keys(kk);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(path.join(dir, entry.name))
        : /\.tsx?$/.test(entry.name)
          ? [path.join(dir, entry.name)]
          : [],
    );
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const suffix of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const candidate = base + suffix;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module that runs in the browser: the "use client" ones and what they import (types excluded). */
function clientModules(): Set<string> {
  const seen = new Set<string>();
  const stack = [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "components"))].filter((file) =>
    /^["']use client["']/m.test(fs.readFileSync(file, "utf8")),
  );
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || file.includes(`${path.sep}generated${path.sep}`)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gms)) {
      const target = resolveImport(file, match[1]!);
      if (target) stack.push(target);
    }
  }
  return seen;
}

describe("messages sent to the browser", () => {
  it("include every namespace a client module reads", () => {
    const modules = clientModules();
    expect(modules.size).toBeGreaterThan(20);
    const read = new Map<string, string>();
    for (const file of modules) {
      const source = fs.readFileSync(file, "utf8");
      for (const match of source.matchAll(/useTranslations\(\s*["'`]([a-zA-Z]+)/g)) read.set(match[1]!, file);
      for (const match of source.matchAll(/["'`]([a-zA-Z]+)\.[a-zA-Z$]/g))
        if (namespaces.includes(match[1]!)) read.set(match[1]!, file);
    }
    const missing = [...read].filter(([namespace]) => !(CLIENT_NAMESPACES as readonly string[]).includes(namespace));
    expect(missing.map(([namespace, file]) => `${namespace} (read in ${path.relative(root, file)})`)).toEqual([]);
    // The scan sees the header's client components and the forms: a broken scan would find nothing.
    expect([...read.keys()]).toEqual(expect.arrayContaining(["header", "formErrors", "progress", "statuses"]));
  });

  it("are namespaces of every locale, and leave the server-only ones out", () => {
    for (const messages of [kk, ru, en]) {
      for (const namespace of CLIENT_NAMESPACES) expect(Object.keys(messages)).toContain(namespace);
      const sent = clientMessages(messages);
      expect(Object.keys(sent).sort()).toEqual([...CLIENT_NAMESPACES].sort());
      expect(sent).not.toHaveProperty("notifications");
      expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(messages).length * 0.75);
    }
  });
});
