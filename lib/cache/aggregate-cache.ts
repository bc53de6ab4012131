import "server-only";
import { cache } from "react";

/**
 * Answers each key once per server render: a page asks for several aggregates (and some twice, e.g. the dashboard's
 * figures for its empty state and its cards). Nothing is kept between requests — the roll-ups are exact at every
 * moment and cheap to read, so a shared cache would only add a stale window. Callers put everything the answer
 * depends on in the key, today's date included for date-dependent figures. Outside a render (route handlers,
 * scripts) React's cache does not memoise and every call computes.
 */
export function perRender<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const answers = renderAnswers();
  let answer = answers.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = compute();
    answers.set(key, answer);
  }
  return answer;
}

const renderAnswers = cache(() => new Map<string, Promise<unknown>>());
