import { describe, expect, it } from "vitest";
import { completionStep, type OblastCollection, projectOblasts, simplify } from "@/lib/geo/projection";
import boundaries from "@/lib/geo/western-oblasts.json";

describe("the oblast map's geometry", () => {
  const map = projectOblasts(boundaries as unknown as OblastCollection, 600);

  it("draws the four oblasts inside the viewBox, wider than tall like the region", () => {
    expect(map.shapes.map((shape) => shape.code).sort()).toEqual(["AKT", "ATY", "MAN", "ZKO"]);
    expect(map.height).toBeLessThan(map.width);
    for (const shape of map.shapes) {
      const numbers = shape.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers), shape.code).toBeGreaterThanOrEqual(0);
      expect(Math.max(...numbers), shape.code).toBeLessThanOrEqual(map.width);
      expect(shape.label.x).toBeGreaterThan(0);
      expect(shape.label.y).toBeLessThan(map.height);
    }
    // Mangystau is the south-western oblast, Aktobe the eastern one.
    const label = (code: string) => map.shapes.find((shape) => shape.code === code)!.label;
    expect(label("MAN").y).toBeGreaterThan(label("ZKO").y);
    expect(label("AKT").x).toBeGreaterThan(label("ATY").x);
  });

  it("simplifies a line without moving it by more than the tolerance", () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 0.1],
      [2, -0.1],
      [3, 5],
      [4, 0],
    ];
    expect(simplify(line, 0.5)).toEqual([
      [0, 0],
      [2, -0.1],
      [3, 5],
      [4, 0],
    ]);
  });

  it("shades by completion in five steps", () => {
    expect(completionStep(0).from).toBe(0);
    expect(completionStep(19.9).from).toBe(0);
    expect(completionStep(20).from).toBe(20);
    expect(completionStep(100).from).toBe(80);
  });
});
