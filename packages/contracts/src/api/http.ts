// Wire facts of the SPA's API that both sides must agree on, beyond the DTOs.

/** Every state-changing /api call carries the session's CSRF token in this header (decision 003). */
export const CSRF_HEADER = 'X-CSRF-Token';

/** The watchlist file is POSTed here as the raw text/csv body: the one /api body over 64 KiB. */
export const WATCHLIST_IMPORT_PATH = '/api/watchlist/import';

/** The largest watchlist file the BFF takes (413 above it); the SPA checks before uploading. */
export const WATCHLIST_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
