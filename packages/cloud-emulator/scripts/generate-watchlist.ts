// Writes data/demo-watchlist.csv from the generator. Run after changing the generator:
//   pnpm --filter @kyc-review/cloud-emulator generate:watchlist
import { writeFileSync } from 'node:fs';
import { generateDemoWatchlist } from '../src/seed/watchlist';
import { DEMO_WATCHLIST_PATH, watchlistToCsv } from '../src/seed/watchlist-csv';

const entries = generateDemoWatchlist();
writeFileSync(DEMO_WATCHLIST_PATH, watchlistToCsv(entries));
process.stdout.write(`wrote ${entries.length} fictional entries to ${DEMO_WATCHLIST_PATH}\n`);
