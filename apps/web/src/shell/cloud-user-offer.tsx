import { useState } from 'react';
import { Button } from '../components/button';
import { MutationFeedback } from '../components/mutation-feedback';
import { useLinkCloudUser } from '../features/account/account-queries';
import { useSession } from '../session/session-context';
import styles from './cloud-user-offer.module.css';

/**
 * Right after signing in on a launch that named a Cloud user (legacy five-field launches) no
 * reviewer is linked to: the offer to link it, so that Cloud user's later launches sign in as
 * this reviewer without the password (decision 017). "Not now" hides it for this launch.
 */
export function CloudUserOffer() {
  const { session } = useSession();
  const link = useLinkCloudUser();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || !session.can_link_cloud_user || session.user_id === null) return null;
  return (
    <section className={styles.offer} aria-label="Link your Blnk Cloud user">
      <p className={styles.text}>
        Blnk Cloud opened KYC Review as user <span className={styles.mono}>{session.user_id}</span>. Link it to your
        account, and its next launches sign you in without your password (sensitive actions still ask for your code).
      </p>
      <div className={styles.actions}>
        <Button variant="primary" onClick={() => link.mutate(true)} disabled={link.isPending}>
          Link
        </Button>
        <Button onClick={() => setDismissed(true)}>Not now</Button>
      </div>
      {link.isError && <MutationFeedback mutation={link} pending="" success="" />}
    </section>
  );
}
