import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { corpusEntries, corpusIdentities } from '../../test/screening-corpus';
import { buildWatchlistIndex } from './index-builder';
import { screenIdentity } from './screen-identity';

// Hits must not move when the index or the scorer is made faster (decision 006): every
// screening of a fixed corpus, at three thresholds, is held byte for byte (as a digest of its
// hits' JSON) to the snapshot taken before. Regenerate it only for an intended matching
// change: UPDATE_SCREENING_SNAPSHOT=1 pnpm vitest run --project kyc screening-snapshot.

const FIXTURE = new URL('../../test/fixtures/screening-snapshot.json', import.meta.url);
const THRESHOLDS = ['0.85', '0.7', '0.5'] as const;
const Snapshot = z.object({
  entries: z.number(),
  identities: z.number(),
  /** Per threshold: the digest of each identity's hits, by identity index, for those with any. */
  digests: z.record(z.string(), z.record(z.string(), z.string())),
  hits: z.record(z.string(), z.number()),
});
type Snapshot = z.infer<typeof Snapshot>;

function screenCorpus(): Snapshot {
  const entries = corpusEntries();
  const identities = corpusIdentities(entries);
  const index = buildWatchlistIndex(entries);
  const snapshot: Snapshot = { entries: entries.length, identities: identities.length, digests: {}, hits: {} };
  for (const threshold of THRESHOLDS) {
    const digests: Record<string, string> = {};
    let hits = 0;
    identities.forEach((identity, i) => {
      const found = screenIdentity(identity, index, { threshold: Number(threshold) });
      if (found.length === 0) return;
      hits += found.length;
      digests[String(i)] = createHash('sha256').update(JSON.stringify(found)).digest('hex').slice(0, 12);
    });
    snapshot.digests[threshold] = digests;
    snapshot.hits[threshold] = hits;
  }
  return snapshot;
}

describe('screening a fixed corpus', () => {
  it('gives byte-identical hits to the stored snapshot', { timeout: 120_000 }, () => {
    const now = screenCorpus();
    if (process.env['UPDATE_SCREENING_SNAPSHOT'] === '1') writeFileSync(FIXTURE, `${JSON.stringify(now, null, 1)}\n`);
    const stored = Snapshot.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    expect({ entries: now.entries, identities: now.identities }).toEqual({
      entries: stored.entries,
      identities: stored.identities,
    });
    // A corpus that raised few hits would prove little.
    for (const threshold of THRESHOLDS) expect(stored.hits[threshold] ?? 0).toBeGreaterThan(1_000);
    expect(now.hits).toEqual(stored.hits);
    for (const threshold of THRESHOLDS) expect(now.digests[threshold], threshold).toEqual(stored.digests[threshold]);
  });
});
