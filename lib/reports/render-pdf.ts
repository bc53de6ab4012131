import "server-only";
import { type Browser, chromium } from "playwright-core";
import { createRenderQueue, type RenderQueue } from "./render-queue";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
];

/** Per server: 2 PDFs printed at once, 4 more waiting, 1 per user; a print is stopped after 90 s. */
export const PDF_LIMITS = { concurrent: 2, queued: 4, perOwner: 1, timeoutMs: 90_000 };

// One browser per server process, launched on the first PDF and again if it dies; kept on globalThis so dev-mode
// reloads do not start another. Each PDF gets its own context (its own cookie), closed when done or stopped.
type Renderer = { browser: Promise<Browser> | null; launches: number; openPages: number; peakOpenPages: number };
const state = globalThis as unknown as { batysPdfRenderer?: Renderer; batysPdfQueue?: RenderQueue };
state.batysPdfRenderer ??= { browser: null, launches: 0, openPages: 0, peakOpenPages: 0 };
state.batysPdfQueue ??= createRenderQueue(PDF_LIMITS);
const renderer: Renderer = state.batysPdfRenderer;
const pdfQueue: RenderQueue = state.batysPdfQueue;

function browser(): Promise<Browser> {
  if (!renderer.browser) {
    renderer.launches++;
    const launching = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    renderer.browser = launching;
    launching.then(
      (launched) =>
        launched.on("disconnected", () => {
          if (renderer.browser === launching) renderer.browser = null;
        }),
      () => {
        if (renderer.browser === launching) renderer.browser = null;
      },
    );
  }
  return renderer.browser;
}

/** For tests and monitoring: how many browsers were launched, and pages open now and at most. */
export function pdfRendererStats() {
  return { launches: renderer.launches, openPages: renderer.openPages, peakOpenPages: renderer.peakOpenPages };
}

/** Closes the shared browser (tests; a server's browser goes with its process). */
export async function closePdfBrowser(): Promise<void> {
  const current = renderer.browser;
  renderer.browser = null;
  await (await current?.catch(() => null))?.close();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** What the PDF's running header and footer say (already translated); `pageOf` holds "{page}" and "{pages}". */
export type PdfFrame = { header: string; pageOf: string };

const FRAME_STYLE = "font-size:8px;width:100%;padding:0 12mm;color:#334155;font-family:sans-serif";

/** Chromium's header and footer templates: the header line on every page, one "page X of Y" at the foot. */
export function frameTemplates(frame: PdfFrame): { headerTemplate: string; footerTemplate: string } {
  const pageOf = escapeHtml(frame.pageOf)
    .replace("{page}", '<span class="pageNumber"></span>')
    .replace("{pages}", '<span class="totalPages"></span>');
  return {
    headerTemplate: `<div style="${FRAME_STYLE}">${escapeHtml(frame.header)}</div>`,
    footerTemplate: `<div style="${FRAME_STYLE};text-align:right">${pageOf}</div>`,
  };
}

// The printed page's own page counter (globals.css, for printing from the browser) is switched off in the PDF,
// where Chromium's footer numbers the pages: one page-number style, printed once.
const PDF_ONLY_STYLE = "@page { @bottom-right { content: none; } }";

async function printPage(url: string, cookie: string, frame: PdfFrame, signal: AbortSignal): Promise<Buffer> {
  const context = await (await browser()).newContext({ extraHTTPHeaders: { cookie } });
  // Stopped by the queue (too slow): closing the context makes the pending goto/pdf fail at once.
  const stop = () => void context.close().catch(() => {});
  signal.addEventListener("abort", stop);
  renderer.openPages++;
  renderer.peakOpenPages = Math.max(renderer.peakOpenPages, renderer.openPages);
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    const response = await page.goto(url, { waitUntil: "networkidle", timeout: 60_000 });
    if (!response?.ok()) throw new Error(`the report page answered ${response?.status() ?? "nothing"}`);
    await page.addStyleTag({ content: PDF_ONLY_STYLE });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      // Sections the page marks as wide (@page wide, landscape) print across; the rest is A4 portrait.
      preferCSSPageSize: true,
      margin: { top: "20mm", bottom: "16mm", left: "12mm", right: "12mm" },
      displayHeaderFooter: true,
      ...frameTemplates(frame),
      // The title comes from the page's <title>; headings become the PDF's bookmarks (outline needs a tagged PDF).
      tagged: true,
      outline: true,
    });
  } finally {
    renderer.openPages--;
    signal.removeEventListener("abort", stop);
    await context.close().catch(() => {});
  }
}

/**
 * Prints a page of this app to an A4 PDF with the installed Chromium, as the requesting user (their cookie is
 * passed along, so the PDF shows exactly what they may see), with a header line and page numbers. Runs through
 * the server's bounded queue: throws RenderBusyError (answer 429) when it is full or `owner` already waits, and
 * RenderTimeoutError when the print hangs.
 */
export function renderPdf(
  url: string,
  cookie: string,
  frame: PdfFrame,
  options: { owner?: string | number; queue?: RenderQueue } = {},
): Promise<Buffer> {
  return (options.queue ?? pdfQueue).run(options.owner ?? cookie, (signal) => printPage(url, cookie, frame, signal));
}
