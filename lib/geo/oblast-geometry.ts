import "server-only";
import { type OblastCollection, type ProjectedMap, projectOblasts } from "./projection";
import boundaries from "./western-oblasts.json";

let projected: ProjectedMap | null = null;

/** The four oblasts as SVG paths, projected once per server process (the boundaries ship with the code). */
export function oblastMapShapes(): ProjectedMap {
  if (!projected) projected = projectOblasts(boundaries as unknown as OblastCollection);
  return projected;
}
