import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { ApiError, isSessionEnded } from '../api/api-error';
import { NeedsReadAccessPage } from './needs-read-access-page';
import { SessionProvider } from './session-context';
import { SessionEndedPage } from './session-ended-page';
import { SessionErrorPage } from './session-error-page';
import { SessionLoading } from './session-loading';
import { sessionQueryOptions } from './session-query';

const SignInGate = lazy(async () => ({ default: (await import('../features/sign-in/sign-in-gate')).SignInGate }));

/**
 * Renders its children only for a live session that may read data. A 401 wins over cached
 * data (the session is gone even if we still hold its last answer); any other failure with
 * cached data keeps the app up, since a blip should not throw the reviewer out.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const query = useQuery(sessionQueryOptions(useApi()));

  if (isSessionEnded(query.error)) {
    // Once a session was live here, a 401 means it ended (idle, age, uninstall: the BFF has
    // deleted it and may only say no_session); a blocked cookie shows on the first call only.
    const ended = query.data !== undefined || query.error.code === 'session_expired';
    return <SessionEndedPage code={ended ? 'session_expired' : 'no_session'} />;
  }
  if (query.data !== undefined) {
    if (!query.data.granted_permissions.includes('data:read')) return <NeedsReadAccessPage session={query.data} />;
    // Launched, but no reviewer signed in yet: bootstrap, sign-in or the second factor (decision 017).
    if (query.data.sign_in !== 'signed_in')
      return (
        <Suspense fallback={<SessionLoading />}>
          <SignInGate session={query.data} />
        </Suspense>
      );
    return <SessionProvider session={query.data}>{children}</SessionProvider>;
  }
  if (query.error !== null) {
    const error =
      query.error instanceof ApiError
        ? query.error
        : new ApiError(0, 'bad_response', 'Something unexpected went wrong.');
    return <SessionErrorPage error={error} retrying={query.isFetching} onRetry={() => void query.refetch()} />;
  }
  return <SessionLoading />;
}
