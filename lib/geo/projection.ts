// Turns the oblast boundaries (GeoJSON, WGS 84 longitude/latitude) into SVG paths. Pure, so the map component,
// the server and tests draw the same shapes. An equirectangular projection scaled by the cosine of the mean
// latitude keeps the region's proportions at this size (about 12° of latitude, 45–51° N); rings are simplified
// with Douglas–Peucker to a fraction of a pixel, which keeps the page small.

export type Position = [number, number];
type Ring = Position[];
export type OblastFeature = {
  properties: { code: string };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
};
export type OblastCollection = { type: "FeatureCollection"; features: OblastFeature[] };

export type OblastShape = {
  code: string;
  /** SVG path data in the viewBox's coordinates. */
  path: string;
  /** Where the oblast's label sits: the centre of its largest ring's bounding box, nudged to the ring's centroid. */
  label: { x: number; y: number };
};
export type ProjectedMap = { width: number; height: number; shapes: OblastShape[] };

const polygonsOf = (feature: OblastFeature): Ring[][] =>
  feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;

/** Perpendicular distance of p from the segment a–b. */
function distance(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = dx * dx + dy * dy;
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker: keeps the points that move the line by more than `tolerance`. */
export function simplify(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let max = tolerance;
    for (let index = first + 1; index < last; index++) {
      const d = distance(points[index]!, points[first]!, points[last]!);
      if (d > max) {
        max = d;
        farthest = index;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

function ringArea(ring: Position[]): number {
  let area = 0;
  for (let index = 0; index < ring.length; index++) {
    const [x1, y1] = ring[index]!;
    const [x2, y2] = ring[(index + 1) % ring.length]!;
    area += x1 * y2 - x2 * y1;
  }
  return area / 2;
}

function centroid(ring: Position[]): { x: number; y: number } {
  const area = ringArea(ring);
  if (area === 0) return { x: ring[0]![0], y: ring[0]![1] };
  let x = 0;
  let y = 0;
  for (let index = 0; index < ring.length; index++) {
    const [x1, y1] = ring[index]!;
    const [x2, y2] = ring[(index + 1) % ring.length]!;
    const cross = x1 * y2 - x2 * y1;
    x += (x1 + x2) * cross;
    y += (y1 + y2) * cross;
  }
  return { x: x / (6 * area), y: y / (6 * area) };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Projects every oblast into a viewBox `width` wide (height follows the region's proportions). */
export function projectOblasts(collection: OblastCollection, width = 600, padding = 8, tolerance = 0.6): ProjectedMap {
  const all = collection.features.flatMap((feature) => polygonsOf(feature).flat(2) as unknown as Position[]);
  const lons = all.map((point) => point[0]);
  const lats = all.map((point) => point[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const cosine = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * padding) / ((maxLon - minLon) * cosine);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * padding);
  const project = ([lon, lat]: Position): Position => [
    padding + (lon - minLon) * cosine * scale,
    padding + (maxLat - lat) * scale,
  ];
  const shapes = collection.features.map((feature) => {
    const rings = polygonsOf(feature).flatMap((polygon) =>
      polygon.map((ring) => simplify(ring.map(project), tolerance)).filter((ring) => ring.length >= 4),
    );
    const path = rings.map((ring) => `M${ring.map(([x, y]) => `${round(x)},${round(y)}`).join("L")}Z`).join("");
    const largest = rings.reduce((best, ring) => (Math.abs(ringArea(ring)) > Math.abs(ringArea(best)) ? ring : best));
    const center = centroid(largest);
    return { code: feature.properties.code, path, label: { x: round(center.x), y: round(center.y) } };
  });
  return { width, height, shapes };
}

/** The colour step of a share (0–100 %): five equal bins, darker for more complete. */
export const COMPLETION_STEPS = [
  { from: 0, to: 20, fill: "#e0f2f1" },
  { from: 20, to: 40, fill: "#9fd5cf" },
  { from: 40, to: 60, fill: "#4fb0a5" },
  { from: 60, to: 80, fill: "#1f7f78" },
  { from: 80, to: 100, fill: "#0b4f4a" },
] as const;

export function completionStep(percent: number): (typeof COMPLETION_STEPS)[number] {
  return COMPLETION_STEPS.find((step) => percent < step.to) ?? COMPLETION_STEPS[COMPLETION_STEPS.length - 1]!;
}
