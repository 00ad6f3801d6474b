// The public surface of @kyc-review/cloud-emulator (dev and test only).
export { createCloudEmulator, type CloudEmulator, type CloudEmulatorOptions, type RunningEmulator } from './emulator';
export { DEMO_WATCHLIST_PATH, loadDemoWatchlist, watchlistFromCsv, watchlistToCsv } from './seed/watchlist-csv';
export { generateDemoWatchlist } from './seed/watchlist';
export { maskUrl } from './control/mask';
export type { InstallRow, Manifest, CallbackLogEntry } from './state/records';
export { PORTAL_FIELD_MODES, type PortalFieldMode } from './state/store';
