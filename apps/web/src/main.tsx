// The only module with side effects: styles, the real client, the browser router, the mount.
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { createQueryClient } from './api/query-client';
import { App } from './app';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

// Started before the first render: the router chunk, and through it the shell and the first
// screen, load while the session bootstrap asks /api/session.
const router = import('./router').then((m) => m.createRouter());

createRoot(container).render(
  <StrictMode>
    <App api={createApiClient()} queryClient={createQueryClient()} router={router} />
  </StrictMode>,
);
