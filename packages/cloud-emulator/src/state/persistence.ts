import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createPrng } from '../util/prng';
import { AlertStatusRow } from './alert-statuses';
import { emptyInstance } from './instance-data';
import {
  AlertRow,
  BalanceRow,
  CallbackLogEntry,
  IdentityRow,
  InstallRow,
  LedgerRow,
  Manifest,
  TransactionRow,
} from './records';
import { PORTAL_FIELD_MODES, type Store } from './store';

// With a data directory, the whole state is written as one JSON snapshot shortly after
// each change and read back at start, so installs and decisions survive a restart.

const SNAPSHOT_FILE = 'emulator-state.json';
const SNAPSHOT_VERSION = 1;

const Snapshot = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  seed: z.number(),
  identitiesPerInstance: z.number(),
  organizationId: z.string(),
  userId: z.string(),
  runtimeState: z.number(),
  manifest: Manifest,
  // Absent from snapshots written before statuses could be managed: those keep the seeded ones.
  alertStatuses: z.array(AlertStatusRow).optional(),
  // Absent in snapshots written before the three-field default: they get today's request.
  portalFields: z.enum(PORTAL_FIELD_MODES).default('current'),
  installs: z.array(InstallRow),
  callbacks: z.array(CallbackLogEntry),
  instances: z.array(
    z.object({
      info: z.object({ instance_id: z.string(), name: z.string() }),
      ledgers: z.array(LedgerRow),
      balances: z.array(BalanceRow),
      transactions: z.array(TransactionRow),
      identities: z.array(IdentityRow),
      alerts: z.array(AlertRow),
      secrets: z.record(z.string(), z.record(z.string(), z.string())),
    }),
  ),
});

export function snapshotPath(dataDir: string): string {
  return join(dataDir, SNAPSHOT_FILE);
}

export function writeSnapshot(store: Store, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const snapshot: z.input<typeof Snapshot> = {
    version: SNAPSHOT_VERSION,
    seed: store.seed,
    identitiesPerInstance: store.identitiesPerInstance,
    organizationId: store.organizationId,
    userId: store.userId,
    runtimeState: store.runtime.state(),
    manifest: store.manifest,
    alertStatuses: store.alertStatuses,
    portalFields: store.portalFields,
    installs: [...store.installs.values()],
    callbacks: store.callbacks,
    instances: store.instances.map((i) => ({
      info: i.info,
      ledgers: [...i.ledgers.rows()],
      balances: [...i.balances.rows()],
      transactions: [...i.transactions.rows()],
      identities: [...i.identities.rows()],
      alerts: [...i.alerts.rows()],
      secrets: Object.fromEntries(i.secrets),
    })),
  };
  const file = snapshotPath(dataDir);
  // Write then rename, so a crash mid-write never leaves a torn snapshot.
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
  renameSync(`${file}.tmp`, file);
}

/** Loads a snapshot into `store`; false when there is none yet. Throws on a corrupt file. */
export function readSnapshot(store: Store, dataDir: string): boolean {
  const file = snapshotPath(dataDir);
  if (!existsSync(file)) return false;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not valid JSON: delete it (or run pnpm dev:reset) to start from seed data`);
  }
  const parsed = Snapshot.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file} does not match this emulator version: delete it (or run pnpm dev:reset) to start from seed data`,
    );
  const s = parsed.data;
  store.seed = s.seed;
  store.identitiesPerInstance = s.identitiesPerInstance;
  store.organizationId = s.organizationId;
  store.userId = s.userId;
  store.runtime = createPrng(s.runtimeState);
  store.manifest = s.manifest;
  if (s.alertStatuses !== undefined) store.alertStatuses = s.alertStatuses;
  store.portalFields = s.portalFields;
  store.installs.clear();
  for (const install of s.installs) store.installs.set(install.installed_app_id, install);
  store.callbacks.splice(0, store.callbacks.length, ...s.callbacks);
  store.instances = s.instances.map((snap) => {
    const data = emptyInstance(snap.info);
    data.ledgers.insertAll(snap.ledgers);
    data.balances.insertAll(snap.balances);
    data.transactions.insertAll(snap.transactions);
    data.identities.insertAll(snap.identities);
    data.alerts.insertAll(snap.alerts);
    for (const [id, values] of Object.entries(snap.secrets)) data.secrets.set(id, values);
    return data;
  });
  return true;
}

/** Writes a snapshot `delayMs` after the last change; `flush` writes any pending one now. */
export function persistOnChange(store: Store, dataDir: string, delayMs = 250): { flush(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    writeSnapshot(store, dataDir);
  };
  const off = store.onChange(() => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  return {
    flush,
    stop: () => {
      flush();
      off();
    },
  };
}
