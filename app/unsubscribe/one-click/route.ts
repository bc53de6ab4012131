import { unsubscribeWithToken } from "@/lib/notifications/preferences";

// RFC 8058 one-click unsubscribe: mail clients POST here without a session; the signed token is the proof.
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const result = await unsubscribeWithToken(token);
  return new Response(null, { status: result.ok ? 204 : 400 });
}
