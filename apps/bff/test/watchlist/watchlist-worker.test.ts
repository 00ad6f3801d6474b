import type { WatchlistEntry } from '@kyc-review/contracts';
import { buildWatchlistIndex, readWatchlistFiles, screenIdentity, WatchlistFileError } from '@kyc-review/kyc';
import type { ImportFile, ImportItem } from '@kyc-review/kyc';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeEntry } from '../../../../packages/kyc/test/make-entry';
import { makeIdentity } from '../../../../packages/kyc/test/make-identity';
import {
  allOnSharedMemory,
  indexArrays,
  READ_BYTES,
  readIndexFile,
  writeIndexFile,
} from '../../src/services/watchlist-worker/index-transfer';
import { createWatchlistWorkers, WatchlistWorkerError } from '../../src/services/watchlist-worker/watchlist-workers';

// The watchlist workers (decision 006), started from TypeScript as in dev and tests: an
// upload read in the child process gives what reading it in-process gives, with the same
// errors; an index built there screens as one built in-process, from shared memory in the
// screening thread; a worker that dies fails its job with a clear error and is replaced on
// the next one; the child's memory is gone once it exits.

function file(name: string, text: string, size = 64): ImportFile {
  const bytes = new TextEncoder().encode(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield await Promise.resolve(bytes.slice(i, i + size));
  }
  return { name, chunks: chunks() };
}
async function* upload(...list: ImportFile[]) {
  for (const f of list) yield await Promise.resolve(f);
}
async function all(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}
async function failure(items: AsyncIterable<ImportItem>): Promise<unknown> {
  try {
    await all(items);
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}

const SDN = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '2674,"ABDUL RAHMAN, Ahmad",individual,"SDGT] [IRAQ2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Dec 1948; alt. DOB 1950; nationality Egypt; a.k.a. \'ABU AHMAD\'."',
  'not-a-number,"BROKEN",individual,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
].join('\r\n');
const ALT = '2674,300,"aka","ABD AL-RAHMAN, Ahmed",-0- \r\n';
const CSV = [
  'name,aliases,dob,country,list,topic',
  ...Array.from({ length: 2500 }, (_, i) => `Person ${String(i)} Fictive,,1970,Canada,Bench,sanction`),
].join('\n');

const workers = createWatchlistWorkers();
afterAll(() => workers.stop());

describe('reading an upload in the worker', () => {
  it('gives the items reading it in-process gives, in order, in batches', async () => {
    const list = () => [file('sdn.csv', SDN), file('alt.csv', ALT)];
    expect(await all(workers.readFiles(upload(...list()), null))).toEqual(
      await all(readWatchlistFiles(upload(...list()))),
    );
    const many = await all(workers.readFiles(upload(file('list.csv', CSV, 4096)), null));
    expect(many.filter((i) => i.kind === 'entry')).toHaveLength(2500);
    expect(many).toEqual(await all(readWatchlistFiles(upload(file('list.csv', CSV, 4096)))));
  });

  it('refuses a file it cannot read with the same WatchlistFileError as in-process', async () => {
    const binary = () => file('photo.png', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR');
    const inWorker = await failure(workers.readFiles(upload(binary()), null));
    const inProcess = await failure(readWatchlistFiles(upload(binary())));
    expect(inWorker).toBeInstanceOf(WatchlistFileError);
    expect(inProcess).toBeInstanceOf(WatchlistFileError);
    const shape = (e: unknown) => (e instanceof WatchlistFileError ? [e.code, e.message, e.file, e.line] : e);
    expect(shape(inWorker)).toEqual(shape(inProcess));
    const named = await failure(workers.readFiles(upload(file('sdn.csv', SDN)), 'csv'));
    expect(shape(named)).toEqual(
      shape(await failure(readWatchlistFiles(upload(file('sdn.csv', SDN)), { format: 'csv' }))),
    );
  });
});

const ENTRIES: WatchlistEntry[] = [
  makeEntry({ entry_id: 'e1', name: 'Ivan Petrov', dobs: ['1970'], countries: ['RU'] }),
  makeEntry({ entry_id: 'e2', name: 'Gazprombank Joint Stock Company', entry_type: 'organization' }),
  makeEntry({ entry_id: 'e3', name: 'Muhammad Jamal Network', entry_type: 'organization' }),
];
const IDENTITIES = [
  makeIdentity({ first_name: 'Iwan', last_name: 'Petroff', dob: '1970-02-03' }),
  makeIdentity({ identity_type: 'organization', first_name: '', last_name: '', organization_name: 'Gazprombank' }),
  makeIdentity({ first_name: 'Olga', last_name: 'Smirnova' }),
];
async function* pages(rows: readonly string[], size = 2) {
  for (let i = 0; i < rows.length; i += size) yield await Promise.resolve(rows.slice(i, i + size));
}

describe('building and screening in the worker', () => {
  it('builds from stored rows an index that screens exactly as one built in-process, on shared memory', async () => {
    const index = await workers.buildIndex(pages(ENTRIES.map((e) => JSON.stringify(e))));
    expect(allOnSharedMemory(index.data)).toBe(true);
    expect(index.entryCount).toBe(3);
    const local = buildWatchlistIndex(ENTRIES);
    workers.use('install@1', index);
    const screened = await workers.screen('install@1', IDENTITIES, 0.7);
    const expected = IDENTITIES.map((i) => screenIdentity(i, local, { threshold: 0.7 }));
    expect(screened).toEqual(expected);
    expect(screened.map((hits) => hits.map((h) => h.entry.entry_id))).toEqual([['e1'], ['e2'], []]);
  });

  it('hands over an index larger than one read byte for byte, every array on one shared buffer, through a private file it removes', async () => {
    const many = Array.from({ length: 8_000 }, (_, i) =>
      makeEntry({
        entry_id: `m${String(i)}`,
        name: `Person${String(i)} Fictive Example${String(i % 97)}`,
        dobs: [`19${String(50 + (i % 40))}`],
        countries: [i % 2 === 0 ? 'RU' : 'CA'],
      }),
    );
    const index = await workers.buildIndex(
      pages(
        many.map((e) => JSON.stringify(e)),
        500,
      ),
    );
    const local = buildWatchlistIndex(many);
    const arrays = indexArrays(index.data);
    const expected = indexArrays(local.data);
    expect(expected.reduce((n, a) => n + a.byteLength, 0)).toBeGreaterThan(READ_BYTES);
    expect(arrays.map((a) => [a.constructor.name, a.length])).toEqual(
      expected.map((a) => [a.constructor.name, a.length]),
    );
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(arrays.every((a, i) => bytes(a).equals(bytes(expected[i] ?? new Uint8Array())))).toBe(true);
    expect(allOnSharedMemory(index.data)).toBe(true);
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(1);
    expect(index.entryCount).toBe(8_000);
    // The file it crossed through is gone; its directory is the BFF's alone.
    const dir = workers.scratchDir();
    expect(dir).not.toBeNull();
    expect(readdirSync(dir ?? '')).toEqual([]);
    expect(statSync(dir ?? '').mode & 0o777).toBe(0o700);
  }, 60_000);

  it('refuses a stored row that is not an entry, clearly', async () => {
    const error = await workers.buildIndex(pages(['{"entry_id":"x"}'])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistWorkerError);
    expect(String(error)).toContain('A stored watchlist entry does not have the expected shape.');
  });

  it('fails the job of a thread that dies with a clear error, and starts a new thread for the next', async () => {
    const before = workers.starts();
    const reading = workers.readFiles(upload(file('list.csv', CSV, 16)), null);
    // The first batch is in: the thread is mid-read when it dies.
    expect((await reading.next()).done).toBe(false);
    await workers.stop('jobs');
    const error = await all(reading).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistWorkerError);
    expect(String(error)).toMatch(/The watchlist worker stopped \(signal SIGKILL\); the work it had was not done\./);
    expect((await all(workers.readFiles(upload(file('sdn.csv', SDN)), null))).length).toBeGreaterThan(0);
    expect(workers.starts().jobs).toBe(before.jobs + 1);

    // The screening thread comes back with the indexes it served.
    await workers.stop('screening');
    const screened = await workers.screen('install@1', IDENTITIES.slice(0, 1), 0.7);
    expect(screened[0]?.map((h) => h.entry.entry_id)).toEqual(['e1']);
    expect(workers.starts().screening).toBe(before.screening + 1);
  }, 60_000);

  it('fails a build whose child process is killed mid-build, clearly, and builds the next one in a new process', async () => {
    const before = workers.starts().jobs;
    const rows = Array.from({ length: 3_000 }, (_, i) =>
      JSON.stringify(makeEntry({ entry_id: `k${String(i)}`, name: `Person ${String(i)} Fictive` })),
    );
    let killed: number | null = null;
    async function* killedMidway() {
      for (let i = 0; i < rows.length; i += 500) {
        if (i === 1_500) {
          killed = workers.jobsPid();
          if (killed !== null) process.kill(killed, 'SIGKILL');
        }
        yield await Promise.resolve(rows.slice(i, i + 500));
      }
    }
    const error = await workers.buildIndex(killedMidway()).catch((e: unknown) => e);
    expect(killed).not.toBeNull();
    expect(error).toBeInstanceOf(WatchlistWorkerError);
    expect(String(error)).toMatch(/The watchlist worker stopped \(signal SIGKILL\); the work it had was not done\./);
    const index = await workers.buildIndex(pages(ENTRIES.map((e) => JSON.stringify(e))));
    expect(index.entryCount).toBe(3);
    expect(workers.starts().jobs).toBe(before + 1);
    expect(workers.jobsPid()).not.toBe(killed);
    expect(readdirSync(workers.scratchDir() ?? '')).toEqual([]);
  }, 60_000);

  it('refuses an index file that does not fill the arrays exactly, clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-index-test-'));
    try {
      const arrays = [new Uint32Array([1, 2, 3]), new Uint8Array([4, 5])];
      writeIndexFile(join(dir, 'whole.bin'), arrays);
      expect(statSync(join(dir, 'whole.bin')).mode & 0o777).toBe(0o600);
      const back = [new Uint32Array(new SharedArrayBuffer(12)), new Uint8Array(new SharedArrayBuffer(2))];
      await readIndexFile(join(dir, 'whole.bin'), back);
      expect(back.map((a) => [...a])).toEqual([
        [1, 2, 3],
        [4, 5],
      ]);
      writeFileSync(join(dir, 'short.bin'), new Uint8Array(13));
      await expect(readIndexFile(join(dir, 'short.bin'), back)).rejects.toThrow(
        'The watchlist index file has the wrong size.',
      );
      // The child never writes over a file that is there already.
      expect(() => writeIndexFile(join(dir, 'whole.bin'), arrays)).toThrow(/EEXIST/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a screening against an index it does not serve with a clear error', async () => {
    await expect(workers.screen('nobody@9', IDENTITIES, 0.7)).rejects.toThrow(
      'The watchlist index nobody@9 is not loaded.',
    );
  });
});
