import { useTranslations } from "next-intl";
import { DeliveryChart } from "@/components/charts/lazy-charts";

export type DeliveryRow = { key: string; horizon: string; planned: number; done: number };

/**
 * Physical delivery, one chart per measure that has data (road km, railway km, MW, school places): planned and done
 * by horizon. The signed-in dashboard and the public view draw the same grid from their own figures.
 */
export function DeliveryCharts({
  rows,
  measures,
}: {
  rows: DeliveryRow[];
  /** The measures in the order they are drawn, each with its unit (a key of `units`). */
  measures: readonly { key: string; unit: string }[];
}) {
  const t = useTranslations();
  const shown = measures.filter((measure) => rows.some((row) => row.key === measure.key));
  if (shown.length === 0) return null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {shown.map((measure) => (
        <DeliveryChart
          key={measure.key}
          title={t(`dashboard.delivery.${measure.key}` as "dashboard.delivery.roadKm")}
          unit={t(`units.${measure.unit}` as "units.km")}
          groups={rows
            .filter((row) => row.key === measure.key)
            .map((row) => ({
              horizon: row.horizon === "none" ? t("horizon.none") : row.horizon,
              planned: row.planned,
              done: row.done,
            }))}
        />
      ))}
    </div>
  );
}
