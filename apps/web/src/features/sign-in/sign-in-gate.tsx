import type { SessionDto } from '@kyc-review/contracts';
import { useState } from 'react';
import { BootstrapPage } from './bootstrap-page';
import { InvitationPage } from './invitation-page';
import { SecondFactorPage } from './second-factor-page';
import { SignInPage } from './sign-in-page';
import { TotpSetupRequiredPage } from './totp-setup-required-page';

/**
 * What a launched session shows until a reviewer is signed in on it (decision 017). Lazy:
 * a remembered browser or a linked Cloud user never downloads it. Each screen only asks the
 * BFF; the session query then says where things stand, so nothing here can loop.
 */
export function SignInGate({ session }: { session: SessionDto }) {
  const [invited, setInvited] = useState(false);
  if (session.sign_in === 'bootstrap_required') return <BootstrapPage />;
  if (session.sign_in === 'second_factor_required') return <SecondFactorPage />;
  if (session.sign_in === 'totp_setup_required') return <TotpSetupRequiredPage />;
  if (invited) return <InvitationPage onBack={() => setInvited(false)} />;
  return <SignInPage onInvitation={() => setInvited(true)} />;
}
