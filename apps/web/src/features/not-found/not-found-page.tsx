import { Link, useLocation } from 'react-router';
import { StatusPage } from '../../components/status-page';

/** A deep link to a page this version does not have (an old bookmark, a typo). */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <StatusPage title="Page not found" actions={<Link to="/">Go to the dashboard</Link>}>
      <p>
        There is no page at <code>{pathname}</code> in this version of KYC Review.
      </p>
    </StatusPage>
  );
}
