import { withUser } from "@/lib/http/with-user";
import { oc4idsPackageChunks } from "@/lib/reports/oc4ids";

export const GET = withUser({ permission: "report.export" }, async ({ request, user }) => {
  const chunks = oc4idsPackageChunks(user, process.env.NEXTAUTH_URL ?? new URL(request.url).origin);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="batys-oc4ids-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
