import type { WatchlistEntry } from '@kyc-review/contracts';
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
  watchlist: readonly WatchlistEntry[],
): InstanceData {
  const ctx = createSeedContext(createPrng(deriveSeed(seed, `instance:${info.name}`)), now);
  const data = emptyInstance(info);
  const { rows, secrets } = seedIdentities(ctx, count, watchlist);
  const { ledgers, balances, transactions } = seedLedgerData(ctx, rows);
  data.identities.insertAll(rows);
  data.ledgers.insertAll(ledgers);
  data.balances.insertAll(balances);
  data.transactions.insertAll(transactions);
  data.alerts.insertAll(seedAlerts(ctx, rows));
  for (const [id, values] of secrets) data.secrets.set(id, values);
  return data;
}

/** The instances every emulator has; ids come from the seed like everything else. */
export function seedInstanceInfos(seed: number): InstanceInfo[] {
  const prng = createPrng(deriveSeed(seed, 'instances'));
  // Both shapes Cloud ids are seen in (contract §3): `instance_<ULID>` as a real deployment
  // and Blnk's SDK show them, `inst_<UUID>` as the docs print them.
  return [
    { instance_id: `instance_${prng.ulid()}`, name: 'Production' },
    { instance_id: `inst_${prng.uuid()}`, name: 'Sandbox' },
  ];
}
