import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api/api-client';
import { createQueryClient, SESSION_QUERY_KEY } from './api/query-client';
import { preloadLaunch } from './boot-preload';
import { readQueueFilters } from './features/queue/queue-filters';
import { QUEUE_KEY } from './features/queue/queue-queries';
import { QUEUE_VIEWS } from './features/queue/queue-views';
import { screenFor, SCREENS } from './route-modules';
import { SLOW, startEmulatorBff, type BffFetch } from './test/bff';

const pathOf = (pathname: string) => screenFor(pathname)?.path;

describe('screenFor (the screen a launch URL opens, preloaded before the router runs)', () => {
  it('matches the route table: index, static paths, one segment per :param, anything else not found', () => {
    expect(pathOf('/')).toBeUndefined();
    expect(screenFor('/')).toBe(SCREENS[0]);
    expect(pathOf('/queue')).toBe('queue');
    expect(pathOf('/queue/')).toBe('queue');
    expect(pathOf('/cases/idt_1')).toBe('cases/:identityId');
    expect(pathOf('/alerts')).toBe('alerts');
    expect(pathOf('/alerts/alt_1')).toBe('alerts/:alertId');
    expect(pathOf('/cases')).toBe('*');
    expect(pathOf('/cases/idt_1/more')).toBe('*');
    expect(pathOf('/nowhere')).toBe('*');
  });
});

/** The queue's first page in the cache, under the key the queue page reads for `params`. */
const cachedQueue = (queryClient: ReturnType<typeof createQueryClient>, params: URLSearchParams) =>
  queryClient.getQueryData([...QUEUE_KEY, readQueueFilters(params)]);

function preload(fetch: BffFetch, pathname: string) {
  const queryClient = createQueryClient({ retryDelayMs: 0 });
  preloadLaunch(createApiClient({ fetch }), queryClient, pathname);
  return queryClient;
}

describe('preloadLaunch', () => {
  it('asks for the session first, then, on another screen, the first page a lead sees on the queue', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const queryClient = preload(fetch, '/');
    expect(fetch.calls[0]).toMatch(/\/api\/session$/);
    await vi.waitFor(() => expect(cachedQueue(queryClient, new URLSearchParams())).toBeDefined(), SLOW);
    expect(queryClient.getQueryData(SESSION_QUERY_KEY)).toMatchObject({ sign_in: 'signed_in' });
    expect(fetch.calls.filter((url) => url.includes('/api/cases'))).toHaveLength(1);
  });

  it("prefetches a reviewer's own default view (My open work), the one a bare /queue shows them", async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true, reviewer: { role: 'reviewer' } });
    const queryClient = preload(fetch, '/settings');
    const mine = QUEUE_VIEWS.find((v) => v.id === 'mine');
    if (mine === undefined) throw new Error('no "mine" view');
    const params = new URLSearchParams(Object.entries(mine.filters).map(([k, v]) => [k, String(v)]));
    await vi.waitFor(() => expect(cachedQueue(queryClient, params)).toBeDefined(), SLOW);
  });

  it('leaves the queue to its own page when the launch opens /queue', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true });
    const queryClient = preload(fetch, '/queue/');
    await vi.waitFor(() => expect(queryClient.getQueryData(SESSION_QUERY_KEY)).toBeDefined(), SLOW);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetch.calls.filter((url) => url.includes('/api/cases'))).toEqual([]);
  });

  it('asks for nothing more before a reviewer signs in (the sign-in screen shows)', async () => {
    const bff = await startEmulatorBff();
    const fetch = await bff.signIn(undefined, { synced: true, reviewer: null });
    const queryClient = preload(fetch, '/');
    await vi.waitFor(() => expect(queryClient.getQueryData(SESSION_QUERY_KEY)).toBeDefined(), SLOW);
    expect(queryClient.getQueryData(SESSION_QUERY_KEY)).not.toMatchObject({ sign_in: 'signed_in' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetch.calls.filter((url) => url.includes('/api/cases'))).toEqual([]);
  });
});
