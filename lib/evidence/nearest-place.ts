// "3 km from Shalkar": the nearest oblast or district centre to a photo's GPS position, from a small gazetteer.
import gazetteer from "./gazetteer.json";

export type Place = { nameKk: string; nameRu: string; nameEn: string; latitude: number; longitude: number };
export type NearestPlace = { place: Place; km: number };

/** Farther than this from every known centre, a photo shows its coordinates instead of a place name. */
export const NEAREST_PLACE_MAX_KM = 150;
const EARTH_RADIUS_KM = 6371;

export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(bLat - aLat);
  const dLon = radians(bLon - aLon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(aLat)) * Math.cos(radians(bLat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

export function nearestPlace(
  latitude: number,
  longitude: number,
  places: Place[] = gazetteer.places,
): NearestPlace | null {
  let best: NearestPlace | null = null;
  for (const place of places) {
    const km = distanceKm(latitude, longitude, place.latitude, place.longitude);
    if (!best || km < best.km) best = { place, km };
  }
  return best && best.km <= NEAREST_PLACE_MAX_KM ? best : null;
}
