import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "./authenticate";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// Sessions are JWTs in an HttpOnly cookie: no server keeps session state, so any instance behind a load
// balancer can serve any request. What the token claims is re-checked against the database on every request
// (lib/auth/current-user.ts), so deactivation and role changes take effect at once.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const user = await authenticate(credentials);
        return user && { id: String(user.id), email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 1;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.userId, sessionVersion: token.sessionVersion };
    },
  },
};
