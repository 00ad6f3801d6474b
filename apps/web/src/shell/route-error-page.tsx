import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '../components/button';
import { StatusPage } from '../components/status-page';

/**
 * A screen failed to render or its code failed to load (often a deploy replaced the
 * chunks). The session is fine, so reloading this page is safe and usually fixes it.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : undefined;
  return (
    <StatusPage
      tone="danger"
      title="This page could not be shown"
      actions={
        <Button variant="primary" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      }
      footer={detail}
    >
      <p>Something went wrong while opening this page. Reloading usually fixes it; your session is still active.</p>
    </StatusPage>
  );
}
