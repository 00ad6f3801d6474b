import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { createApiClient } from '../api/api-client';
import { createQueryClient } from '../api/query-client';
import { App, type AppProps } from '../app';
import { routes } from '../router';

/**
 * Renders the whole app as main.tsx does, with the real route table and query rules; only
 * the browser parts change: a memory router at `path`, and the given fetch.
 */
export function renderApp(options: { fetch: typeof globalThis.fetch; path?: string; screens?: AppProps['router'] }) {
  const router = createMemoryRouter(routes, { initialEntries: [options.path ?? '/'] });
  // Retries keep their rules but not their back-off, so a failing BFF settles at once.
  const queryClient = createQueryClient({ retryDelayMs: 0 });
  const api = createApiClient({ fetch: options.fetch });
  // `screens`: what main.tsx would pass instead (the promise of the router chunk's router).
  const view = render(<App api={api} queryClient={queryClient} router={options.screens ?? router} />);
  return { ...view, api, router, queryClient };
}
