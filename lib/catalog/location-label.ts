// How a decree location reads in the interface: "point 56, 2030 list", "annex 3". Pure: takes the translator.
import type { LineLocation } from "./decree-structure";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export function locationLabel(location: LineLocation, t: Translate): string {
  if (location.annex !== null) return t("decreeText.annex", { annex: location.annex });
  if (location.point === null) return t("decreeText.preamble");
  return location.horizon
    ? t("decreeText.pointList", { point: location.point, year: location.horizon })
    : t("decreeText.point", { point: location.point });
}
