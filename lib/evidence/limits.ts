// Limits of evidence uploads, shared by the server (which enforces them) and the picker (which warns early).

/** One file may be at most 15 MB (documented in the README). */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;
/** A photo may have at most 40 megapixels: a larger one is refused before it is decoded (decompression bombs). */
export const MAX_PIXELS = 40_000_000;
/** At most 10 files on one progress update or field report. */
export const MAX_FILES_PER_ENTRY = 10;
/** Unattached uploads a user may hold on one project (picked, but their form not yet sent). */
export const MAX_OPEN_DRAFTS = 30;
/** Stored photos are scaled down to fit this many pixels on their long side; thumbnails to the second number. */
export const PHOTO_MAX_SIDE = 2560;
export const THUMBNAIL_SIDE = 480;
export const MAX_CAPTION_LENGTH = 300;
