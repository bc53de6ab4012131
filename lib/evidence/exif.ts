// The two things kept from a photo's EXIF: when it was taken and where. Everything else (camera, owner, software)
// is dropped when the photo is re-encoded.
import exifReader from "exif-reader";

export type PhotoFacts = { takenAt: Date | null; latitude: number | null; longitude: number | null };

const NOTHING: PhotoFacts = { takenAt: null, latitude: null, longitude: null };

function degrees(value: unknown, reference: unknown, limit: number): number | null {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((part) => Number.isFinite(part))) return null;
  const [d, m, s] = value as [number, number, number];
  const decimal = d + m / 60 + s / 3600;
  const signed = reference === "S" || reference === "W" ? -decimal : decimal;
  return Math.abs(signed) <= limit ? Math.round(signed * 1e6) / 1e6 : null;
}

/**
 * Time and GPS position from a raw EXIF block (as sharp's metadata gives it). The time is the camera's local time
 * without a zone (exif-reader reads it as if it were UTC, and it is shown that way). Unreadable EXIF gives nothing.
 */
export function photoFacts(exif: Buffer | undefined): PhotoFacts {
  if (!exif) return NOTHING;
  let tags: ReturnType<typeof exifReader>;
  try {
    tags = exifReader(exif);
  } catch {
    return NOTHING;
  }
  const taken = tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime;
  const takenAt =
    taken instanceof Date && !Number.isNaN(taken.getTime()) && taken.getUTCFullYear() >= 1990 ? taken : null;
  const gps = tags.GPSInfo;
  const latitude = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 90);
  const longitude = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 180);
  const hasPosition = latitude !== null && longitude !== null && !(latitude === 0 && longitude === 0);
  return {
    takenAt,
    latitude: hasPosition ? latitude : null,
    longitude: hasPosition ? longitude : null,
  };
}
