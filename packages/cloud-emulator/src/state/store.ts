import type { DemoWatchlistEntry } from '../seed/watchlist-csv';
import { ALL_PERMISSIONS } from '@kyc-review/contracts';
import { generatedInstance } from '../seed/generated-instance';
import { seedInstance, seedInstanceInfos } from '../seed/seed-instance';
import { createPrng, deriveSeed, type Prng } from '../util/prng';
import { DEFAULT_DATA_API_MODE, type DataApiMode } from '../query/parse';
import { seedAlertStatuses, type AlertStatusRow } from './alert-statuses';
import type { InstanceData } from './instance-data';
import type { CallbackLogEntry, InstallRow, Manifest } from './records';

/** One recorded Cloud API call (for tests that count retries). No secrets: the query only. */
export interface CallLogEntry {
  readonly id: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  status: number;
  installed_app_id: string | null;
  ms: number;
  fault: boolean;
}

/** An injected failure for the next Cloud API calls (see the control API). */
export interface Fault {
  readonly id: number;
  readonly status: number | null;
  readonly latency_ms: number;
  readonly reset: boolean;
  readonly retry_after: number | null;
  /** Calls still to hit; null = until cleared. */
  remaining: number | null;
  /** Share of calls hit; null = every call. */
  readonly ratio: number | null;
}

const LOG_LIMIT = 2000;

/**
 * Which portal request the emulator sends (docs/cloud-contract.md §3): `current` is today's three fields
 * (installed_app_id, app_id, instance_id: no person); `legacy` the older page's five, with
 * organization_id and user_id.
 */
export const PORTAL_FIELD_MODES = ['current', 'legacy'] as const;
export type PortalFieldMode = (typeof PORTAL_FIELD_MODES)[number];

export function defaultManifest(seed: number): Manifest {
  const prng = createPrng(deriveSeed(seed, 'app'));
  return {
    app_id: `app_${prng.uuid()}`,
    name: 'KYC Review',
    description: 'Review customer identities: checks, watchlist screening, decisions written back to the ledger.',
    developer: 'KYC Review (local)',
    logo_url: '',
    callback_url: null,
    portal_generator_url: null,
    permissions: [...ALL_PERMISSIONS],
  };
}

export interface StoreSeed {
  readonly seed: number;
  readonly identitiesPerInstance: number;
  /** When set, the first instance's identities are this many, built on demand (generatedInstance). */
  readonly generatedIdentities?: number | undefined;
  readonly now: Date;
  readonly watchlist: readonly DemoWatchlistEntry[];
}

/** All mutable emulator state. Routes and services read and change it; persistence snapshots it. */
export class Store {
  seed: number;
  identitiesPerInstance: number;
  organizationId: string;
  userId: string;
  manifest: Manifest;
  portalFields: PortalFieldMode = 'current';
  instances: InstanceData[];
  /** The organization's alert statuses (one organization per emulator). */
  alertStatuses: AlertStatusRow[];
  readonly installs = new Map<string, InstallRow>();
  readonly callbacks: CallbackLogEntry[] = [];
  readonly calls: CallLogEntry[] = [];
  faults: Fault[] = [];
  /** How the Data and Filters APIs page (control API `PUT /data-api`); not persisted. */
  dataApi: DataApiMode = DEFAULT_DATA_API_MODE;
  /** The emulator's clock (injectable so tests control time). */
  clock: () => Date = () => new Date();
  /** Ids and keys minted while running (distinct from the seed streams). */
  runtime: Prng;
  faultPrng: Prng;
  private counter = 0;
  private readonly listeners = new Set<() => void>();

  constructor(init: StoreSeed) {
    this.seed = init.seed;
    this.identitiesPerInstance = init.identitiesPerInstance;
    const people = createPrng(deriveSeed(init.seed, 'people'));
    // Cloud's own ids are ULIDs (`org_01…`, `user_01…`), not UUIDs (docs/cloud-contract.md §3).
    this.organizationId = `org_${people.ulid()}`;
    this.userId = `user_${people.ulid()}`;
    this.alertStatuses = seedAlertStatuses(this.organizationId, init.now.toISOString());
    this.manifest = defaultManifest(init.seed);
    this.instances = seedInstanceInfos(init.seed).map((info, i) =>
      i === 0 && init.generatedIdentities !== undefined
        ? generatedInstance(init.seed, info, init.generatedIdentities, init.now, init.watchlist)
        : seedInstance(init.seed, info, init.identitiesPerInstance, init.now, init.watchlist),
    );
    this.runtime = createPrng(deriveSeed(init.seed, 'runtime'));
    this.faultPrng = createPrng(deriveSeed(init.seed, 'faults'));
  }

  instance(instanceId: string): InstanceData | undefined {
    return this.instances.find((i) => i.info.instance_id === instanceId);
  }

  /** The install a key belongs to, if the key is still valid (pending or active install). */
  installForKey(apiKey: string): InstallRow | undefined {
    for (const install of this.installs.values()) {
      if (install.api_key === apiKey)
        return install.status === 'active' || install.status === 'pending' ? install : undefined;
    }
    return undefined;
  }

  newId(prefix: string): string {
    return `${prefix}${this.runtime.uuid()}`;
  }

  nextSeq(): number {
    return ++this.counter;
  }

  logCall(entry: CallLogEntry): void {
    this.calls.push(entry);
    if (this.calls.length > LOG_LIMIT) this.calls.splice(0, this.calls.length - LOG_LIMIT);
  }

  logCallback(entry: CallbackLogEntry): void {
    this.callbacks.push(entry);
    if (this.callbacks.length > LOG_LIMIT) this.callbacks.splice(0, this.callbacks.length - LOG_LIMIT);
    this.changed();
  }

  /** Re-seeds every instance and forgets installs, logs and faults. The manifest and portal mode stay. */
  reset(init: StoreSeed): void {
    const manifest = this.manifest;
    const fresh = new Store(init);
    Object.assign(this, {
      seed: fresh.seed,
      identitiesPerInstance: fresh.identitiesPerInstance,
      organizationId: fresh.organizationId,
      userId: fresh.userId,
      alertStatuses: fresh.alertStatuses,
    });
    this.instances = fresh.instances;
    this.runtime = fresh.runtime;
    this.faultPrng = fresh.faultPrng;
    this.manifest = { ...manifest };
    this.installs.clear();
    this.callbacks.length = 0;
    this.calls.length = 0;
    this.faults = [];
    this.dataApi = DEFAULT_DATA_API_MODE;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call after any change worth persisting. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }
}
