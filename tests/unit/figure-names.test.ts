import { describe, expect, it } from "vitest";
import { parseKindChoice } from "@/lib/figures/figure-names";
import { parseProjectListQuery, projectListParams } from "@/lib/projects/list-projects";
import { parseReportQuery } from "@/lib/reports/report-query";

describe("figures in URLs", () => {
  it("the list reads a known figure, keeps it in its links and ignores an unknown or malicious one", () => {
    expect(parseProjectListQuery({ figure: "overdue" }).figure).toBe("overdue");
    expect(projectListParams(parseProjectListQuery({ figure: "atRisk", oblast: "ATY" }))).toMatchObject({
      figure: "atRisk",
      oblast: "ATY",
    });
    for (const bad of ["bogus", "overdue' OR 1=1 --", "", "__proto__"])
      expect(parseProjectListQuery({ figure: bad }).figure).toBeUndefined();
  });

  it("the dashboard leads with objects and reads measures or both when asked", () => {
    expect(parseKindChoice(undefined)).toBe("OBJECT");
    expect(parseKindChoice("MEASURE")).toBe("MEASURE");
    expect(parseKindChoice(["ALL", "OBJECT"])).toBe("ALL");
    expect(parseKindChoice("object")).toBe("OBJECT");
    expect(parseReportQuery({}).kind).toBe("ALL");
    expect(parseReportQuery({ kind: "MEASURE" }).kind).toBe("MEASURE");
    expect(parseReportQuery({ kind: "nonsense" }).kind).toBe("ALL");
  });
});
