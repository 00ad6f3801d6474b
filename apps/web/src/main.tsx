// The only module with side effects: styles, the real client, the browser router, the mount.
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { createQueryClient } from './api/query-client';
import { App } from './app';
import { createRouter } from './router';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App api={createApiClient()} queryClient={createQueryClient()} router={createRouter()} />
  </StrictMode>,
);
