import { publicOc4idsPackageChunks } from "@/lib/reports/oc4ids";

/** The public OC4IDS project package: the whole catalog without budgets, spending or organisations. No sign-in. */
export async function GET(request: Request) {
  const chunks = publicOc4idsPackageChunks(process.env.NEXTAUTH_URL ?? new URL(request.url).origin);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="batys-public-oc4ids-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
