import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { type CurrentUser, getCurrentUser } from "../auth/current-user";
import { type Action, can } from "../auth/permissions";
import { REFUSALS, type Refusal } from "./refusals";
import { fromSameOrigin } from "./same-origin";

/** Thrown by a handler to refuse with one of the table's reasons (lib/http/refusals.ts). */
export class Refused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;
export type RouteContext<Query> = { request: Request; user: CurrentUser; query: Query; t: Translate };

/**
 * The one wrapper of route handlers (dub's `withWorkspace` is the model): it reads the signed-in user from the
 * database, checks the permission, parses the query string with zod, and turns every refusal into its status and
 * translated message from the one table. `respond` shapes a refusal for routes whose answers are not plain text.
 */
export function withUser<Query = Record<string, string>>(
  options: {
    permission: Action | ((user: CurrentUser) => boolean);
    query?: z.ZodType<Query>;
    /** State-changing routes: refuse requests from other sites. */
    sameOrigin?: boolean;
    respond?: (status: number, message: string) => Response;
    /** A route's own wording for some refusals (message keys), in place of the table's. */
    messages?: Partial<Record<Refusal, string>>;
  },
  handler: (context: RouteContext<Query>) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const t = await getTranslations();
    const refuse = (reason: Refusal) => {
      const { status, message } = REFUSALS[reason];
      const text = t((options.messages?.[reason] ?? message) as "validation.invalid");
      return options.respond
        ? options.respond(status, text)
        : new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    };
    const user = await getCurrentUser();
    if (!user || user.mustChangePassword) return refuse("unauthorized");
    const allowed = typeof options.permission === "function" ? options.permission(user) : can(user, options.permission);
    if (!allowed || (options.sameOrigin && !fromSameOrigin(request))) return refuse("forbidden");
    let query = Object.fromEntries(new URL(request.url).searchParams) as Query;
    if (options.query) {
      const parsed = options.query.safeParse(query);
      if (!parsed.success) return refuse("invalid");
      query = parsed.data;
    }
    try {
      return await handler({ request, user, query, t });
    } catch (error) {
      if (error instanceof Refused) return refuse(error.reason);
      throw error;
    }
  };
}
