// The SDN-size half of bench/screening.ts: the OFAC-shaped files read by the importer, the
// index built from what it read, and 10 000 identities screened against it.
import { Identity, type WatchlistEntry } from '../../packages/contracts/src/index';
import { buildWatchlistIndex, readWatchlistFiles, type ImportFile } from '../../packages/kyc/src/index';
import { CULTURES, COUNTRIES, pick, prng, syntheticName, syntheticSurname } from './screening-data';
import { cpuMs, screenList, type ListFigures } from './screening-measure';
import { sdnFiles } from './sdn-files';
import { measureInWorker, type WorkerFigures } from './worker-screening';
import { DEFAULT_KYC_SETTINGS } from '../../packages/contracts/src/index';

const IDENTITIES = 10_000;
const NAIVE_SAMPLE = 100;
const CHUNK = 64 * 1024;

function importFile(name: string, text: string): ImportFile {
  async function* chunks(): AsyncGenerator<string> {
    for (let at = 0; at < text.length; at += CHUNK) yield await Promise.resolve(text.slice(at, at + CHUNK));
  }
  return { name, chunks: chunks() };
}

async function* uploaded(files: readonly ImportFile[]): AsyncGenerator<ImportFile> {
  for (const file of files) yield await Promise.resolve(file);
}

/** Identities as a KYC queue holds them: one in fifty carries a listed name, one in ten is a company. */
export function sdnIdentities(listed: readonly string[]): Identity[] {
  const random = prng(20261202);
  return Array.from({ length: IDENTITIES }, (_, i) => {
    const base = {
      identity_id: `idt_sdn${String(i)}`,
      dob: `${String(1945 + Math.floor(random() * 60))}-03-09T00:00:00Z`,
      country: pick(random, COUNTRIES),
      created_at: '2026-01-01T00:00:00Z',
    };
    const name = random() < 0.02 ? pick(random, listed) : null;
    const [last, given] = name?.split(', ') ?? [];
    if (name !== null && given === undefined)
      return Identity.parse({ ...base, identity_type: 'organization', organization_name: name });
    if (name === null && random() < 0.1)
      return Identity.parse({
        ...base,
        identity_type: 'organization',
        organization_name: `${syntheticSurname(random, pick(random, CULTURES))} Holdings Ltd`,
      });
    const words = (given === undefined ? syntheticName(random) : `${given} ${last ?? ''}`).split(' ');
    return Identity.parse({
      ...base,
      identity_type: 'individual',
      first_name: words.slice(0, -1).join(' '),
      last_name: words.at(-1),
    });
  });
}

export type SdnFigures = ListFigures &
  WorkerFigures & {
    readonly entries: number;
    readonly names: number;
    readonly import_read_s: number;
    readonly import_read_cpu_s: number;
    readonly index_build_ms: number;
    readonly index_build_cpu_ms: number;
  };

export async function measureSdn(): Promise<SdnFigures> {
  const files = sdnFiles();
  const entries: WatchlistEntry[] = [];
  const readStart = process.cpuUsage();
  const readWall = performance.now();
  const upload = [importFile('sdn.csv', files.sdn), importFile('alt.csv', files.alt), importFile('add.csv', files.add)];
  for await (const item of readWatchlistFiles(uploaded(upload))) if (item.kind === 'entry') entries.push(item.entry);
  const readUsed = process.cpuUsage(readStart);
  const importReadS = (performance.now() - readWall) / 1000;

  let index = buildWatchlistIndex([]);
  const buildWall = performance.now();
  const buildCpu = cpuMs(() => (index = buildWatchlistIndex(entries)));
  const buildMs = performance.now() - buildWall;
  const queue = sdnIdentities(files.listedNames);
  return {
    entries: entries.length,
    names: index.nameCount,
    import_read_s: Number(importReadS.toFixed(2)),
    import_read_cpu_s: Number(((readUsed.user + readUsed.system) / 1e6).toFixed(2)),
    index_build_ms: Math.round(buildMs),
    index_build_cpu_ms: Math.round(buildCpu),
    ...screenList(queue, index, NAIVE_SAMPLE),
    ...(await measureInWorker(entries, queue, index, DEFAULT_KYC_SETTINGS.watchlist_threshold)),
  };
}
