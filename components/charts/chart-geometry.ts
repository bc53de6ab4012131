// The height of every chart's plot, in one place: the server-rendered SVG, the frame that reserves the space and
// the interactive Recharts chart that replaces the SVG all take it from here, so nothing moves when charts load.

/** Completion per oblast, district, horizon or sector: many groups get slanted labels and need more room. */
export const completionChartHeight = (groups: number) => (groups > 5 ? 340 : 280);
/** Planned against delivered quantity per horizon. */
export const DELIVERY_CHART_HEIGHT = 220;
/** Completed projects and average completion per month. */
export const OVER_TIME_CHART_HEIGHT = 280;
/** Stacked status bars, one row per sector or category. */
export const statusChartHeight = (groups: number) => Math.max(260, groups * 34 + 80);

/** Width of the server-rendered SVG's coordinate system; it is scaled to the frame's width (text stays legible). */
export const STATIC_CHART_WIDTH = 560;
