import { describe, expect, it } from "vitest";
import { parseProjectListQuery, projectListParams } from "@/lib/projects/list-projects";

describe("project list filters from the URL", () => {
  it("reads valid filters", () => {
    expect(
      parseProjectListQuery({
        sector: "transport",
        horizon: "2030",
        oblast: "ATY",
        status: "PLANNED",
        page: "3",
        sort: "name",
        q: "Мақат",
      }),
    ).toMatchObject({
      sector: "transport",
      horizon: "2030",
      oblast: "ATY",
      status: "PLANNED",
      page: 3,
      sort: "name",
      q: "Мақат",
    });
  });
  it("ignores unknown or malformed values instead of failing", () => {
    const query = parseProjectListQuery({
      sector: "spaceflight",
      horizon: "1999",
      oblast: "XX",
      status: "DONE",
      page: "-4",
      sort: "drop table",
      district: "'; --",
    });
    expect(query).toMatchObject({
      sector: undefined,
      horizon: undefined,
      oblast: undefined,
      status: undefined,
      page: 1,
      sort: "code",
      district: undefined,
    });
  });
  it("takes the first value of a repeated parameter and cuts a huge search term", () => {
    const query = parseProjectListQuery({ oblast: ["AKT", "ATY"], q: "ж".repeat(10_000) });
    expect(query.oblast).toBe("AKT");
    expect(query.q?.length).toBe(200);
  });
  it("gives links the filters and sort without the page, or the filters alone", () => {
    const query = parseProjectListQuery({
      sector: "transport",
      horizon: "2030",
      q: "жол",
      page: "4",
      sort: "name",
      status: "",
    });
    expect(projectListParams(query)).toEqual({ sector: "transport", horizon: "2030", q: "жол", sort: "name" });
    expect(projectListParams(query, { sort: false })).toEqual({ sector: "transport", horizon: "2030", q: "жол" });
  });
});
