// The only module with side effects: styles, the real client, the browser router, the mount.
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { createQueryClient } from './api/query-client';
import { App } from './app';
import { preloadLaunch } from './boot-preload';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

const api = createApiClient();
const queryClient = createQueryClient();

// Started before the first render, all at once (decision 019): /api/session first, the
// shell and the screen the URL names (the router would ask for them only once its own
// chunk had run), and the router chunk.
preloadLaunch(api, queryClient, window.location.pathname);
const router = import('./router').then((m) => m.createRouter());
// A failure is the app's to show once the session is known (app.tsx), not an unhandled rejection before.
router.catch(() => undefined);

createRoot(container).render(
  <StrictMode>
    <App api={api} queryClient={queryClient} router={router} />
  </StrictMode>,
);
