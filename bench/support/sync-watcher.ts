import { expectStatus, timed } from './http';
import { booleanAt, numberAt, stringAt } from './json';

/** How often the queue's `syncing` flag is read while a sync runs. */
const POLL_MS = 500;

export type SyncRun = {
  /** From the request that started the sync until the queue stopped saying `syncing`. */
  readonly ms: number;
  /** The queue's total when it finished. */
  readonly total: number;
  readonly finished: boolean;
};

export type SyncProgress = { readonly atMs: number; readonly total: number };

/**
 * Starts the BFF's identity sync and waits for it, as the SPA sees it: the queue answers
 * `syncing: true` while a sync runs and its `total` grows as pages are written. Each poll
 * is a new connection (a kept-alive socket idle for a while may be closed by a busy server
 * just as it is reused).
 */
export class SyncWatcher {
  constructor(
    private readonly bffUrl: string,
    private readonly cookie: string,
  ) {}

  private async queue(): Promise<unknown> {
    const answer = await timed({
      url: `${this.bffUrl}/api/cases?pageSize=1`,
      headers: { cookie: this.cookie },
      agent: false,
    });
    return JSON.parse(expectStatus(answer, 200, '/api/cases').body);
  }

  /** The first queue request of an install starts its first sync. */
  async startByQueue(): Promise<void> {
    if (!booleanAt(await this.queue(), 'syncing')) throw new Error('the first queue request started no sync');
  }

  /** `POST /api/cases/refresh`, as the queue's Refresh button sends it. */
  async startByRefresh(): Promise<void> {
    const session: unknown = JSON.parse(
      expectStatus(
        await timed({ url: `${this.bffUrl}/api/session`, headers: { cookie: this.cookie }, agent: false }),
        200,
        '/api/session',
      ).body,
    );
    const answer = await timed({
      url: `${this.bffUrl}/api/cases/refresh`,
      method: 'POST',
      headers: {
        cookie: this.cookie,
        'x-csrf-token': stringAt(session, 'csrf_token'),
        origin: new URL(this.bffUrl).origin,
      },
      agent: false,
    });
    if (!booleanAt(JSON.parse(expectStatus(answer, 202, '/api/cases/refresh').body), 'started'))
      throw new Error('the refresh started no sync (one was still running)');
  }

  /** Starts a sync with `start` and polls until it is done or `timeoutMs` passed. */
  async run(
    start: () => Promise<void>,
    timeoutMs: number,
    onProgress?: (progress: SyncProgress) => void,
  ): Promise<SyncRun> {
    const started = performance.now();
    await start();
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const answer = await this.queue();
      const atMs = performance.now() - started;
      const total = numberAt(answer, 'total');
      const finished = !booleanAt(answer, 'syncing');
      onProgress?.({ atMs, total });
      if (finished || atMs > timeoutMs) return { ms: atMs, total, finished };
    }
  }
}
