import { describe, expect, it } from "vitest";
import { normaliseSearchTerm, projectSearchText } from "@/lib/projects/search-text";

describe("project search text", () => {
  it("folds Kazakh letters to lower case", () => {
    expect(normaliseSearchTerm("ҚҰРЫҚ ПОРТЫ")).toBe("құрық порты");
    expect(normaliseSearchTerm("ӘҒҚҢӨҰҮҺІ")).toBe("әғқңөұүһі");
  });
  it("joins code, names and place so any of them can be found", () => {
    const text = projectSearchText({
      code: "RAIL-2030-001",
      nameKk: "Мақат – Индер",
      nameRu: "Макат – Индер",
      nameEn: null,
      place: "Индер",
    });
    expect(text).toContain("rail-2030-001");
    expect(text).toContain("мақат");
    expect(text).toContain("макат");
  });
  it("treats LIKE wildcards in a search term literally by dropping them", () => {
    expect(normaliseSearchTerm("100%_жол\\")).toBe("100 жол");
  });
});
