import type { SessionDto } from '@kyc-review/contracts';
import { StatusPage } from '../components/status-page';

/** Without data:read there is nothing to review, so the app is this one page (docs/product.md). */
export function NeedsReadAccessPage({ session }: { session: SessionDto }) {
  const granted = session.granted_permissions;
  return (
    <StatusPage
      title="The app needs read access"
      footer={
        <>
          Instance <code>{session.instance_id}</code> · install <code>{session.installed_app_id}</code>
        </>
      }
    >
      <p>
        This install was not granted <code>data:read</code>, so the app cannot read identities, balances or transactions
        to review.
      </p>
      <p>
        Ask a workspace admin to reinstall the app in Blnk Cloud and grant <code>data:read</code>. Granted now:{' '}
        {granted.length === 0 ? 'no scopes' : <code>{granted.join(', ')}</code>}.
      </p>
    </StatusPage>
  );
}
