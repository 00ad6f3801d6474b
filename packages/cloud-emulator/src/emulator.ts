import type { DemoWatchlistEntry } from './seed/watchlist-csv';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cloudApi } from './api/cloud-api';
import { DEFAULT_CALLBACK_TIMEOUT_MS } from './control/callback-sender';
import { controlRoutes } from './control/control-routes';
import { Lifecycle } from './control/lifecycle';
import { dashboardRoutes } from './dashboard/dashboard-routes';
import { generateDemoWatchlist } from './seed/watchlist';
import { persistOnChange, readSnapshot } from './state/persistence';
import { Store, type PortalFieldMode } from './state/store';

export interface CloudEmulatorOptions {
  /** Seed for every generated record and id (default 1). */
  readonly seed?: number;
  /** Identities per instance (default 200, up to 100 000). */
  readonly identitiesPerInstance?: number;
  /**
   * The first instance (Production) gets this many identities, built on demand rather than
   * held in memory, and no ledger data (the 1M-identity bench). Not with `dataDir`.
   */
  readonly generatedIdentities?: number;
  /** Persist state here (a JSON snapshot); memory only without it. */
  readonly dataDir?: string;
  /** The clock for timestamps and seeded ages (default: real time). */
  readonly now?: () => Date;
  /** How long Cloud waits for the app's answer (default 10 s, docs/cloud-contract.md §2). */
  readonly callbackTimeoutMs?: number;
  /** The portal request's shape (default `current`, today's three fields; docs/cloud-contract.md §3). Overrides a snapshot's. */
  readonly portalFields?: PortalFieldMode;
}

export interface RunningEmulator {
  readonly url: string;
  close(): Promise<void>;
}

let cachedWatchlist: readonly DemoWatchlistEntry[] | null = null;
const watchlist = (): readonly DemoWatchlistEntry[] => (cachedWatchlist ??= generateDemoWatchlist());

export function createCloudEmulator(options: CloudEmulatorOptions = {}) {
  const now = options.now ?? (() => new Date());
  if (options.generatedIdentities !== undefined && options.dataDir !== undefined)
    throw new Error('generated identities are not persisted: leave dataDir unset');
  const seedOf = (seed: number, identities: number) => ({
    seed,
    identitiesPerInstance: identities,
    generatedIdentities: options.generatedIdentities,
    now: now(),
    watchlist: watchlist(),
  });
  const store = new Store(seedOf(options.seed ?? 1, options.identitiesPerInstance ?? 200));
  store.clock = now;
  if (options.dataDir !== undefined) readSnapshot(store, options.dataDir);
  if (options.portalFields !== undefined) store.portalFields = options.portalFields;
  const persistence = options.dataDir === undefined ? null : persistOnChange(store, options.dataDir);
  const lifecycle = new Lifecycle(store, options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS);
  const reseed = (seed: number, identities: number): void => store.reset(seedOf(seed, identities));

  const app = new Hono()
    .route('/_emulator', controlRoutes({ store, lifecycle, reseed }))
    .route('/', dashboardRoutes(store))
    .route('/', cloudApi(store));
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    process.stderr.write(`[emulator] ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  });

  return {
    app,
    store,
    /** Typed control surface, the same operations as the /_emulator routes. */
    control: {
      install: lifecycle.install.bind(lifecycle),
      launch: lifecycle.launch.bind(lifecycle),
      uninstall: lifecycle.uninstall.bind(lifecycle),
      reset: reseed,
    },
    /** Serves on `host:port` (default 127.0.0.1 and a random free port). */
    listen(port = 0, host = '127.0.0.1'): Promise<RunningEmulator> {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
          const shown = host.includes(':') ? `[${host}]` : host;
          resolve({
            url: `http://${shown}:${info.port}`,
            close: () =>
              new Promise<void>((done) => {
                persistence?.flush();
                if ('closeAllConnections' in server) server.closeAllConnections();
                server.close(() => done());
              }),
          });
        });
        server.once('error', reject);
      });
    },
    /** Writes any pending snapshot now (persistence is otherwise debounced). */
    flush(): void {
      persistence?.flush();
    },
  };
}

export type CloudEmulator = ReturnType<typeof createCloudEmulator>;
