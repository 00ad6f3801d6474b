// Wire facts of the SPA's API that both sides must agree on, beyond the DTOs.

/** Every state-changing /api call carries the session's CSRF token in this header (decision 003). */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Watchlist files are POSTed here, multipart (several files) or as one raw file: the one
 * /api body over 64 KiB, streamed (docs/decisions/018-real-watchlists.md).
 */
export const WATCHLIST_IMPORT_PATH = '/api/watchlist/import';

/**
 * The largest watchlist upload, all files together (413 above it); the SPA checks before
 * uploading. Uploads are streamed, so this bounds time, not memory: an OpenSanctions
 * sanctions export is a few hundred MB.
 */
export const WATCHLIST_IMPORT_MAX_BYTES = 1024 * 1024 * 1024;
