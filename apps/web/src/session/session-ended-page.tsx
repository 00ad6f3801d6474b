import { StatusPage } from '../components/status-page';

export interface SessionEndedPageProps {
  code: 'no_session' | 'session_expired';
}

/**
 * The end of the road for this browser session. Deliberately no retry, reload or redirect:
 * only a fresh launch from Blnk Cloud can mint a new session, and anything automatic here
 * would loop (docs/cloud-contract.md §5: notice and explain, never loop).
 */
export function SessionEndedPage({ code }: SessionEndedPageProps) {
  return (
    <StatusPage title="Your session has ended">
      <p>Relaunch the app from Blnk Cloud: open the app in the dashboard and choose Launch app.</p>
      {code === 'session_expired' ? (
        <p>Sessions end after a period without activity, after a full working day, or when the app is uninstalled.</p>
      ) : (
        <p>
          If this appears right after launching, your browser may be blocking the app&rsquo;s cookie inside the
          dashboard. Allow third-party cookies for this app&rsquo;s site, then launch again.
        </p>
      )}
    </StatusPage>
  );
}
