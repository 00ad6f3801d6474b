import { SessionDto } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { bffFetch, launch, startBff } from '../test/bff';
import { createApiClient, readJson } from './api-client';
import { ApiError } from './api-error';

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );

describe('createApiClient against the BFF', () => {
  it('reads the session through the typed client', async () => {
    const t = startBff();
    const api = createApiClient({ fetch: bffFetch(t, await launch(t, { permissions: ['data:read'] })) });

    const session = await readJson(api.rpc.api.session.$get(), SessionDto);

    expect(session).toMatchObject({
      instance_id: 'inst_test_1',
      user_id: 'user_test_1',
      granted_permissions: ['data:read'],
    });
  });

  it('turns the error envelope into a typed ApiError', async () => {
    const t = startBff();
    const api = createApiClient({ fetch: bffFetch(t) });

    const error = await caught(api.rpc.api.session.$get());

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'no_session' });
  });

  it('sends the CSRF token on state-changing calls once the session gave it', async () => {
    const t = startBff();
    const fetch = bffFetch(t, await launch(t));
    const api = createApiClient({ fetch });

    // Before the session is read, the client has no token and the BFF refuses the call.
    expect(await caught(api.fetch('/api/session', { method: 'POST' }))).toMatchObject({
      status: 403,
      code: 'csrf_failed',
    });

    api.setCsrfToken((await readJson(api.rpc.api.session.$get(), SessionDto)).csrf_token);
    // Past the CSRF check, the BFF answers for the route itself: there is no POST /api/session.
    expect(await caught(api.fetch('/api/session', { method: 'POST' }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('reports a rejected fetch as a network error', async () => {
    const api = createApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    expect(await caught(api.rpc.api.session.$get())).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('rejects a success body that does not match the contract', async () => {
    const t = startBff();
    const api = createApiClient({ fetch: bffFetch(t) });

    expect(await caught(readJson(api.fetch('/healthz'), SessionDto))).toMatchObject({ code: 'bad_response' });
  });
});
