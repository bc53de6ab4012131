import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import { refusalInWords } from "@/lib/http/refusals";

// Bulk acceptance names, per report it left pending, why — in words of the reader's language.
describe("a refused acceptance in words", () => {
  const kazakh = createTranslator({ locale: "kk", messages: kk });
  const english = createTranslator({ locale: "en", messages: en });

  it("names each field and the rule it breaks, never the generic 'value is not valid'", () => {
    const refusal = { reason: "invalid", fieldErrors: { pauseReason: "pauseReasonRequired", asOf: "futureDate" } };
    expect(refusalInWords(kazakh, refusal)).toBe(
      `${kk.progressChange.fields.pauseReason}: ${kk.formErrors.pauseReasonRequired} ` +
        `${kk.progressChange.fields.asOf}: ${kk.formErrors.futureDate}`,
    );
    expect(refusalInWords(english, refusal)).not.toContain(en.validation.invalid);
    expect(refusalInWords(english, refusal)).toContain(en.formErrors.pauseReasonRequired);
  });

  it("says why for every other reason: reviewed meanwhile, withdrawn, someone saved first", () => {
    expect(refusalInWords(kazakh, { reason: "alreadyReviewed" })).toBe(kk.fieldReports.alreadyReviewed);
    expect(refusalInWords(kazakh, { reason: "withdrawn" })).toBe(kk.refusals.withdrawn);
    expect(refusalInWords(kazakh, { reason: "conflict" })).toBe(kk.progress.conflictTitle);
  });
});
