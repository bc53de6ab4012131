"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/** What the gallery needs of one file (a subset of lib/evidence's EvidenceView). */
export type GalleryFile = {
  id: number;
  kind: "PHOTO" | "DOCUMENT";
  fileName: string;
  caption: string | null;
  takenAt: string | null;
  place: { name: string; km: number } | null;
  position: { latitude: number; longitude: number } | null;
  url: string;
  thumbnailUrl: string | null;
};

/**
 * dd.mm.yyyy from an ISO date, the same on the server and in every browser (locale data differs between the two, and
 * a client component must render identically in both).
 */
export function shortDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${day}.${month}.${year}`;
}

/** A timestamp's date in Kazakhstan (UTC+5), as dd.mm.yyyy. */
export const shortDateInKazakhstan = (iso: string) =>
  shortDate(new Date(Date.parse(iso) + 5 * 3_600_000).toISOString());

/** "Taken 14.11.2026, 3 km from Shalkar", from what the photo's EXIF said. */
export function useTakenLine() {
  const t = useTranslations("evidence");
  return (file: GalleryFile): string | null => {
    const date = file.takenAt ? shortDate(file.takenAt) : null;
    const place = file.place
      ? file.place.km < 1
        ? t("inPlace", { place: file.place.name })
        : t("nearPlace", { km: file.place.km, place: file.place.name })
      : file.position
        ? `${file.position.latitude.toFixed(4)}, ${file.position.longitude.toFixed(4)}`
        : null;
    if (date && place) return t("takenAt", { date, place });
    if (date) return t("takenOn", { date });
    return place;
  };
}

/**
 * Thumbnails of a progress update's or field report's photos, opening full size in a viewer (a modal dialog:
 * Escape closes it, arrow keys move between photos, the caption is the picture's alternative text), and links to
 * its documents.
 */
export function EvidenceGallery({ files }: { files: GalleryFile[] }) {
  const t = useTranslations("evidence");
  const takenLine = useTakenLine();
  const photos = files.filter((file) => file.kind === "PHOTO" && file.thumbnailUrl);
  const documents = files.filter((file) => !(file.kind === "PHOTO" && file.thumbnailUrl));
  const [open, setOpen] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open !== null && !element.open) element.showModal();
    if (open === null && element.open) element.close();
  }, [open]);

  if (files.length === 0) return null;
  const altOf = (file: GalleryFile, index: number) =>
    file.caption ?? t("photoAlt", { number: index + 1, total: photos.length });
  const current = open === null ? null : photos[open];
  const move = (step: number) =>
    setOpen((index) => (index === null ? null : (index + step + photos.length) % photos.length));
  return (
    <div className="mt-2" data-testid="evidence-gallery">
      {photos.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {photos.map((file, index) => (
            <li key={file.id} className="w-28">
              <button
                type="button"
                onClick={(event) => {
                  opener.current = event.currentTarget;
                  setOpen(index);
                }}
                className="block overflow-hidden rounded border border-slate-200 focus:outline focus:outline-2 focus:outline-brand"
                aria-label={t("openPhoto", { name: altOf(file, index) })}
                data-testid="evidence-thumbnail"
              >
                {/* biome-ignore lint/performance/noImgElement: a served thumbnail, not a build-time asset */}
                <img src={file.thumbnailUrl ?? ""} alt="" className="h-20 w-28 object-cover" loading="lazy" />
              </button>
              {takenLine(file) && (
                <p className="mt-0.5 text-xs leading-tight text-slate-600" data-testid="evidence-taken">
                  {takenLine(file)}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-sm">
          {documents.map((file) => (
            <li key={file.id}>
              <a href={file.url} className="text-brand underline" download={file.fileName}>
                {file.caption ?? file.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      <dialog
        ref={dialog}
        aria-label={t("viewer")}
        onClose={() => {
          setOpen(null);
          opener.current?.focus();
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowRight") move(1);
          if (event.key === "ArrowLeft") move(-1);
        }}
        className="m-auto max-h-[95vh] w-[min(96vw,1100px)] rounded-lg bg-white p-0 backdrop:bg-black/70"
        data-testid="evidence-viewer"
      >
        {current && open !== null && (
          <figure className="flex flex-col">
            {/* biome-ignore lint/performance/noImgElement: a served photo of any size */}
            <img
              src={current.url}
              alt={altOf(current, open)}
              className="max-h-[75vh] w-full bg-slate-900 object-contain"
            />
            <figcaption className="space-y-1 p-3 text-sm">
              {current.caption && <p className="font-semibold">{current.caption}</p>}
              {takenLine(current) && <p className="text-slate-700">{takenLine(current)}</p>}
              <p className="text-xs text-slate-600">
                {t("photoPosition", { number: open + 1, total: photos.length })} ·{" "}
                <a href={current.url} target="_blank" rel="noopener" className="text-brand underline">
                  {t("openOriginal")}
                </a>
              </p>
            </figcaption>
            <div className="flex justify-between gap-2 border-t border-slate-200 p-2">
              <div className="flex gap-2">
                <button
                  type="button"
                  onClick={() => move(-1)}
                  className="rounded border px-3 py-1"
                  disabled={photos.length < 2}
                >
                  ← {t("previous")}
                </button>
                <button
                  type="button"
                  onClick={() => move(1)}
                  className="rounded border px-3 py-1"
                  disabled={photos.length < 2}
                >
                  {t("next")} →
                </button>
              </div>
              <button type="button" onClick={() => setOpen(null)} className="rounded bg-brand px-3 py-1 text-white">
                {t("close")}
              </button>
            </div>
          </figure>
        )}
      </dialog>
    </div>
  );
}
