import { makeEntry } from '../../../../../packages/kyc/test/make-entry';
import { createWatchlistWorkers } from '../../../src/services/watchlist-worker/watchlist-workers';

// Run in a process of its own (stop-idle-workers.test.ts): builds an index in the child process,
// screens once in the thread, then stops both while they are idle. With nothing else left to do,
// this process ends only when `stop()` has settled, so "stopped" is printed only if it did.

async function* pages(rows: readonly string[]): AsyncGenerator<readonly string[]> {
  yield await Promise.resolve(rows);
}

const workers = createWatchlistWorkers();
const index = await workers.buildIndex(pages([JSON.stringify(makeEntry({ entry_id: 'e1', name: 'John Smith' }))]));
workers.use('idle@1', index);
await workers.screen('idle@1', [], 0.7);
await workers.stop();
process.stdout.write('stopped\n');
