// PDF printing shares one Chromium per server through a bounded queue: 8 requests at once never start 8
// browsers; the ones beyond the queue are told to come back (RenderBusyError → 429 with Retry-After); a print that
// hangs is stopped and its slot freed. Pages come from a small local server, so only the printing is under test.
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePdfBrowser, pdfRendererStats, renderPdf } from "@/lib/reports/render-pdf";
import { createRenderQueue, RenderBusyError, RenderTimeoutError } from "@/lib/reports/render-queue";

let server: http.Server;
let base: string;
const FRAME = { header: "header", pageOf: "page {page} of {pages}" };
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/hang") return void hanging.push(response); // never answers
    const delay = request.url === "/slow" ? 1500 : 0;
    setTimeout(() => {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>report</title><h1>Есеп</h1>");
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closePdfBrowser();
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Chromium browser processes started by this test process (each browser's own helpers are its children). */
function chromiumBrowsers(): number {
  const lines = execFileSync("ps", ["-o", "pid=,ppid=,args=", "-e"], { encoding: "utf8" }).split("\n");
  return lines.filter((line) => {
    const [, ppid, ...args] = line.trim().split(/\s+/);
    return Number(ppid) === process.pid && /chrom/i.test(args.join(" "));
  }).length;
}

describe("PDF rendering", { timeout: 90_000 }, () => {
  it("8 parallel requests: 2 print, 4 wait their turn, the rest are told to retry later; one browser", async () => {
    const queue = createRenderQueue({ concurrent: 2, queued: 4, perOwner: 1, timeoutMs: 30_000 });
    const launchesBefore = pdfRendererStats().launches;
    let peakBrowsers = 0;
    const watch = setInterval(() => {
      peakBrowsers = Math.max(peakBrowsers, chromiumBrowsers());
    }, 200);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, user) => renderPdf(`${base}/slow`, "", FRAME, { owner: user, queue })),
    );
    clearInterval(watch);
    const printed = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(printed).toHaveLength(6);
    for (const result of printed)
      expect((result as PromiseFulfilledResult<Buffer>).value.subarray(0, 5).toString()).toBe("%PDF-");
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RenderBusyError);
      expect((error as RenderBusyError).retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(pdfRendererStats().peakOpenPages).toBeLessThanOrEqual(2);
    expect(pdfRendererStats().launches - launchesBefore).toBeLessThanOrEqual(1);
    expect(peakBrowsers).toBe(1); // before: one Chromium per request, 8 at once
    // Every slot is free again.
    expect(queue.stats()).toEqual({ running: 0, waiting: 0, owners: 0 });
    expect(pdfRendererStats().openPages).toBe(0);
  });

  it("one user gets one PDF at a time: a second while the first prints is refused", async () => {
    const queue = createRenderQueue({ concurrent: 2, queued: 4, perOwner: 1, timeoutMs: 30_000 });
    const first = renderPdf(`${base}/slow`, "", FRAME, { owner: 7, queue });
    await expect(renderPdf(`${base}/`, "", FRAME, { owner: 7, queue })).rejects.toBeInstanceOf(RenderBusyError);
    await expect(renderPdf(`${base}/`, "", FRAME, { owner: 8, queue })).resolves.toBeInstanceOf(Buffer);
    await first;
    await expect(renderPdf(`${base}/`, "", FRAME, { owner: 7, queue })).resolves.toBeInstanceOf(Buffer);
  });

  it("a print that hangs is stopped after its time, its page closed and its slot freed", async () => {
    const queue = createRenderQueue({ concurrent: 1, queued: 0, perOwner: 1, timeoutMs: 2000 });
    const started = Date.now();
    await expect(renderPdf(`${base}/hang`, "", FRAME, { owner: 1, queue })).rejects.toBeInstanceOf(RenderTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0, owners: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the context closes in the background
    expect(pdfRendererStats().openPages).toBe(0);
    // The only slot serves the next request at once.
    await expect(renderPdf(`${base}/`, "", FRAME, { owner: 2, queue })).resolves.toBeInstanceOf(Buffer);
  });

  it("a browser that died is launched again on the next print", async () => {
    await renderPdf(`${base}/`, "", FRAME, { owner: "a" });
    const launches = pdfRendererStats().launches;
    await closePdfBrowser(); // as if Chromium had crashed
    await expect(renderPdf(`${base}/`, "", FRAME, { owner: "a" })).resolves.toBeInstanceOf(Buffer);
    expect(pdfRendererStats().launches).toBe(launches + 1);
  });
});
