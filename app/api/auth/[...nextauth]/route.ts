import NextAuth from "next-auth";
import { getTranslations } from "next-intl/server";
import { authOptions } from "@/lib/auth/auth-options";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers a GET of the credentials callback (only ever POSTed by the sign-in form) with an unhandled
 * error, a 500: a link or a probe to it gets "not found" instead.
 */
async function GET(request: Request, context: Context): Promise<Response> {
  const [action, provider] = (await context.params).nextauth;
  if (action === "callback" && provider === "credentials") {
    const t = await getTranslations("errors");
    return new Response(t("notFoundTitle"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return handler(request, context);
}

export { GET, handler as POST };
