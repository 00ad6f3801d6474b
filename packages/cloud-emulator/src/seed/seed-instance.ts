import type { DemoWatchlistEntry } from './watchlist-csv';
import { emptyInstance, type InstanceData, type InstanceInfo } from '../state/instance-data';
import { createPrng, deriveSeed } from '../util/prng';
import { seedAlerts } from './alerts';
import { createSeedContext } from './context';
import { seedIdentities } from './identities';
import { seedLedgerData } from './ledger-data';

/** One instance's data, fully determined by (seed, instance name, count, now). */
export function seedInstance(
  seed: number,
  info: InstanceInfo,
  count: number,
  now: Date,
  watchlist: readonly DemoWatchlistEntry[],
): InstanceData {
  const ctx = createSeedContext(createPrng(deriveSeed(seed, `instance:${info.name}`)), now);
  const data = emptyInstance(info);
  const { rows, secrets } = seedIdentities(ctx, count, watchlist);
  const { ledgers, balances, transactions } = seedLedgerData(ctx, rows);
  varyTimestamps(rows);
  varyTimestamps(transactions);
  data.identities.insertAll(rows);
  data.ledgers.insertAll(ledgers);
  data.balances.insertAll(balances);
  // Core answers `meta_data: null` for a transaction written without metadata.
  data.transactions.insertAll(
    transactions.map((t) =>
      t.meta_data !== null && Object.keys(t.meta_data).length === 0 ? { ...t, meta_data: null } : t,
    ),
  );
  data.alerts.insertAll(seedAlerts(ctx, rows));
  for (const [id, values] of secrets) data.secrets.set(id, values);
  return data;
}

/**
 * Core's timestamps come with nanoseconds or none, `Z` or an offset (docs/cloud-contract.md §7): every
 * 7th record gets nanoseconds with `+01:00`, the one after it nanoseconds with `Z`, both
 * naming the same instant as before. By position, so no seeded stream shifts.
 */
function varyTimestamps(rows: { created_at: string }[]): void {
  rows.forEach((row, i) => {
    if (i % 7 === 3) row.created_at = withNanoseconds(row.created_at, 60);
    else if (i % 7 === 4) row.created_at = withNanoseconds(row.created_at, 0);
  });
}

/** The same instant, written with nine fractional digits and the given offset in minutes. */
export function withNanoseconds(iso: string, offsetMinutes: number): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  // Sub-millisecond digits derived from the instant, so they are stable across runs.
  return `${local}${String(ms % 997).padStart(3, '0')}${String(ms % 991).padStart(3, '0')}${zone}`;
}

/** The instances every emulator has; ids come from the seed like everything else. */
export function seedInstanceInfos(seed: number): InstanceInfo[] {
  const prng = createPrng(deriveSeed(seed, 'instances'));
  // Both shapes Cloud ids are seen in (docs/cloud-contract.md §3): `instance_<ULID>` as a real deployment
  // and Blnk's SDK show them, `inst_<UUID>` as the docs print them.
  return [
    { instance_id: `instance_${prng.ulid()}`, name: 'Production' },
    { instance_id: `inst_${prng.uuid()}`, name: 'Sandbox' },
  ];
}
