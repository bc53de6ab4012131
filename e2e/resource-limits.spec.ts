// Requests that used to stall the server, against the real build: a zip bomb, a sheet of 240 000 rows and an
// endless chunked body sent to the upload route, and a second PDF while the first prints. Each is refused quickly
// with a translated message, and the database shows nothing changed.
import { hash } from "@node-rs/argon2";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";
import { bombSheet, sheetOfRows, xlsxOf } from "../tests/support/zip";
import { translator } from "./i18n";
import { signInAs } from "./session";
import { DEMO, DEMO_PASSWORD, query, signIn } from "./support";

const t = translator("kk");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A ministry account of the test's own: every row an upload could write (history, audit rows, field reports, and
 * through the history the projects' versions) names its author, so counting this account's rows sees any write
 * of the upload and none of the tests that write in parallel.
 */
async function ownMinistryAccount(name: string): Promise<{ email: string; id: number }> {
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@resource-limits.test`;
  const [row] = await query<{ id: number }>(
    `INSERT INTO users (email, name, role, password_hash, must_change_password, active, updated_at)
     VALUES ($1, 'Resource limits E2E', 'MINISTRY', $2, false, true, now()) RETURNING id`,
    [email, await hash(DEMO_PASSWORD)],
  );
  return { email, id: row!.id };
}

/** Everything an upload by this account could write: its history rows, audit rows and field reports. */
const databaseState = async (userId: number) =>
  (
    await query<{ state: string }>(
      `SELECT (SELECT count(*) FROM progress_updates WHERE author_id = $1 OR reported_by_id = $1) || '/' ||
              (SELECT count(*) FROM audit_logs WHERE actor_id = $1 AND action NOT LIKE 'auth.%') || '/' ||
              (SELECT count(*) FROM field_reports WHERE submitted_by_id = $1 OR reviewed_by_id = $1) AS state`,
      [userId],
    )
  )[0]!.state;

async function uploadSheet(page: Page, name: string, buffer: Buffer) {
  const request: APIRequestContext = page.request;
  const started = Date.now();
  const response = await request.post("/projects/import/upload", {
    headers: { Origin: new URL(page.url()).origin },
    multipart: { mode: "apply", file: { name, mimeType: XLSX, buffer } },
    timeout: 30_000,
  });
  return { status: response.status(), body: await response.text(), ms: Date.now() - started };
}

test.describe("resource limits", () => {
  test("a zip bomb and a sheet of 240 000 rows are refused at once, and nothing is written", async ({ page }) => {
    test.setTimeout(180_000); // building the hostile files takes a while; refusing them must not
    const staff = await ownMinistryAccount("zip-bomb");
    await signIn(page, staff.email);
    const before = await databaseState(staff.id);

    const bomb = await xlsxOf(bombSheet());
    const refusedBomb = await uploadSheet(page, "bomb.xlsx", bomb);
    expect(refusedBomb.body).toContain(JSON.stringify(t("progressSheet.errors.unzippedTooLarge")).slice(1, -1));
    expect(refusedBomb.ms).toBeLessThan(5000); // before: 21 s of a frozen server

    const liar = await xlsxOf(bombSheet(), 1024 * 1024); // its directory claims 1 MB
    expect((await uploadSheet(page, "liar.xlsx", liar)).body).toContain(
      JSON.stringify(t("progressSheet.errors.unzippedTooLarge")).slice(1, -1),
    );

    const long = await xlsxOf(sheetOfRows(240_000));
    const refusedLong = await uploadSheet(page, "long.xlsx", long);
    expect(refusedLong.body).toContain(JSON.stringify(t("progressSheet.errors.tooManyRows")).slice(1, -1));
    expect(refusedLong.ms).toBeLessThan(15_000);

    expect(await databaseState(staff.id)).toBe(before);
  });

  test("a chunked body without a length is cut off past the size limit with a clear message", async ({ page }) => {
    const staff = await ownMinistryAccount("chunked");
    await signIn(page, staff.email);
    const before = await databaseState(staff.id);
    const origin = new URL(page.url()).origin;
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
    const boundary = "batys-limit-test";
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let stopped = false;
      const request = http.request(`${origin}/projects/import/upload`, {
        method: "POST",
        headers: {
          Cookie: cookie,
          Origin: origin,
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Transfer-Encoding": "chunked",
        },
      });
      request.on("response", (response) => {
        stopped = true;
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, sent }));
      });
      request.on("error", (error) => (stopped ? undefined : reject(error)));
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\napply\r\n--${boundary}\r\n` +
          `Content-Disposition: form-data; name="file"; filename="endless.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      // 64 KB at a time, up to 64 MB, until the server answers.
      const piece = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (!stopped && sent < 64 * 1024 * 1024) {
          sent += piece.length;
          if (!request.write(piece)) return void request.once("drain", pump);
        }
        if (!stopped) request.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain(JSON.stringify(t("progressSheet.errors.tooLarge")).slice(1, -1));
    expect(answer.sent).toBeLessThan(32 * 1024 * 1024); // cut off near 5 MB, not read to the end
    expect(await databaseState(staff.id)).toBe(before);
  });

  test("a second PDF while the first is printing is answered 429 with Retry-After and a translated message", async ({
    page,
  }) => {
    // An account no other test prints with, so the per-user limit meets only this test's requests.
    await signInAs(page, DEMO.akimatMangystau);
    const url = "/reports/pdf?scope=MAN&from=2026-01-01&to=2026-12-31";
    // Generating a PDF saves it, so it is a POST from our own pages (the reports page's button sends the same).
    const print = () => page.request.post(url, { headers: { origin: new URL(page.url()).origin }, timeout: 120_000 });
    const [first, second] = await Promise.all([
      print(),
      new Promise((resolve) => setTimeout(resolve, 300)).then(print),
    ]);
    const statuses = [first.status(), second.status()].sort();
    expect(statuses).toEqual([200, 429]);
    const [printed, busy] = first.status() === 200 ? [first, second] : [second, first];
    expect((await printed.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(Number(busy.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await busy.text()).toBe(t("renderQueue.busy"));
    // The slot is free again: the next PDF prints.
    const again = await print();
    expect(again.status()).toBe(200);
  });
});
