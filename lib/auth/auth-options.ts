import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFrom } from "../http/client-ip";
import { safeRedirectUrl } from "../http/safe-redirect";
import { authenticate } from "./authenticate";
import { revokeSession, SESSION_MAX_HOURS } from "./sessions";

export const SIGN_IN_LOCKED = "SignInLocked";

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === "string" && text ? text : null;
}

// The cookie is a signed JWT that names a row of the sessions table; the row (not the token) decides whether the
// session still works, and the user's role and active flag are re-read on every request (lib/auth/current-user.ts).
// No app instance keeps session state of its own.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const headers = request?.headers as Record<string, unknown> | undefined;
        const ip = clientIpFrom({ get: (name) => header(headers, name) });
        const result = await authenticate(credentials, { ip, userAgent: header(headers, "user-agent") });
        if (result.ok)
          return {
            id: String(result.user.id),
            email: result.user.email,
            name: result.user.name,
            sessionId: result.user.sessionId,
          };
        if (result.reason === "locked") throw new Error(SIGN_IN_LOCKED);
        return null;
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: our own origin only, whatever callbackUrl says.
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.sessionId = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.userId, sessionId: token.sessionId };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sessionId === "string") await revokeSession(token.sessionId);
    },
  },
};
