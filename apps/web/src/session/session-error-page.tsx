import type { ApiError } from '../api/api-error';
import { Button } from '../components/button';
import { StatusPage } from '../components/status-page';

export interface SessionErrorPageProps {
  error: ApiError;
  retrying: boolean;
  onRetry: () => void;
}

/** The BFF could not be reached or failed: a user-started retry is safe here (unlike a 401). */
export function SessionErrorPage({ error, retrying, onRetry }: SessionErrorPageProps) {
  const unreachable = error.code === 'network_error';
  return (
    <StatusPage
      tone="danger"
      title={unreachable ? 'Cannot reach the server' : 'The app could not start'}
      actions={
        <Button variant="primary" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </Button>
      }
      footer={error.status > 0 ? `${error.code} · HTTP ${error.status}` : error.code}
    >
      <p>{error.message}</p>
    </StatusPage>
  );
}
