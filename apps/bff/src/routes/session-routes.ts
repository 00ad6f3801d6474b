import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  BootstrapBody,
  CheckInvitationBody,
  RedeemInvitationBody,
  roleAtLeast,
  SecondFactorBody,
  SecondFactorCode,
  SignInBody,
  TotpCode,
  type SessionDto,
  type SessionReviewerDto,
} from '@kyc-review/contracts';
import type { AppEnv } from '../http/app-env';
import { browserLabel } from '../http/browser-label';
import { DEVICE_COOKIE, frameCookie } from '../http/session-middleware';
import { validate } from '../http/validate';
import { STEP_UP_SECONDS } from '../services/kyc-access';
import { toReviewerDto } from '../services/reviewer-admin-service';
import { REMEMBER_DAYS, type ReviewerAuthService, type SignInOutcome } from '../services/reviewer-auth-service';
import type { Session } from '../services/session';

function sessionReviewerDto(session: Session): SessionReviewerDto | null {
  const { reviewer, secondFactorAt } = session;
  if (reviewer === null) return null;
  const freshUntil = secondFactorAt === null ? null : new Date(secondFactorAt.getTime() + STEP_UP_SECONDS * 1000);
  return { ...toReviewerDto(reviewer), second_factor_fresh_until: freshUntil?.toISOString() ?? null };
}

export async function toSessionDto(session: Session, auth: ReviewerAuthService): Promise<SessionDto> {
  const reviewer = session.reviewer;
  return {
    installed_app_id: session.installedAppId,
    instance_id: session.instanceId,
    organization_id: session.organizationId,
    user_id: session.userId,
    granted_permissions: [...session.grantedPermissions],
    expires_at: session.expiresAt.toISOString(),
    csrf_token: session.csrfToken,
    install_needs_reinstall: session.installNeedsReinstall,
    sign_in: await auth.state(session),
    reviewer: sessionReviewerDto(session),
    can_edit_settings: reviewer !== null && roleAtLeast(reviewer.role, 'lead'),
    can_link_cloud_user: reviewer !== null && session.userId !== null && reviewer.cloudUserId === null,
  };
}

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.var.requestId });

/** The remembered-browser cookie, when the sign-in asked for one. */
function rememberBrowser(c: Context<AppEnv>, outcome: SignInOutcome): void {
  if (outcome.deviceToken !== null)
    setCookie(c, DEVICE_COOKIE, outcome.deviceToken, frameCookie(REMEMBER_DAYS * 86_400));
}

/** The account name the authenticator app shows beside the code (the reviewer's email). */
const EnrolmentBody = z.object({ label: z.string().trim().min(1).max(254) });
const StepUpBody = z.object({ code: SecondFactorCode });
const TotpSetupBody = z.object({ totp_code: TotpCode, remember: z.boolean().optional() });

/**
 * `/api/session/*`: the only /api routes that work on a launch with nobody signed in yet
 * (decision 017): where the session stands, bootstrap, sign-in, its second factor,
 * enrolment of an authenticator, redeeming an invitation. Everything else sits behind requireReviewer.
 */
export function sessionRoutes(auth: ReviewerAuthService) {
  const dto = async (c: Context<AppEnv>, session: Session) => c.json(await toSessionDto(session, auth), 200);
  return new Hono<AppEnv>()
    .get('/session', (c) => dto(c, c.var.session))
    .post('/session/totp-enrolment', validate('json', EnrolmentBody), async (c) => {
      const body = c.req.valid('json');
      const enrolment = await auth.beginTotpEnrolment(c.var.session, body.label);
      return c.json(
        { secret: enrolment.secret, otpauth_url: enrolment.otpauthUrl, qr_svg_data_url: enrolment.qrSvgDataUrl },
        201,
      );
    })
    .post('/session/bootstrap', validate('json', BootstrapBody), async (c) => {
      const body = c.req.valid('json');
      const codes = await auth.bootstrap(c.var.session, body, ctxOf(c));
      return c.json({ recovery_codes: codes }, 201);
    })
    .post('/session/sign-in', validate('json', SignInBody), async (c) => {
      const body = c.req.valid('json');
      const ua = browserLabel(c.req.header('User-Agent'));
      const outcome = await auth.signIn(c.var.session, body, ua, ctxOf(c));
      rememberBrowser(c, outcome);
      return c.json({ sign_in: outcome.state }, 200);
    })
    .post('/session/second-factor', validate('json', SecondFactorBody), async (c) => {
      const body = c.req.valid('json');
      const ua = browserLabel(c.req.header('User-Agent'));
      const outcome = await auth.confirmSignIn(c.var.session, body, ua, ctxOf(c));
      rememberBrowser(c, outcome);
      return c.json({ sign_in: outcome.state }, 200);
    })
    .post('/session/totp-setup', validate('json', TotpSetupBody), async (c) => {
      const ua = browserLabel(c.req.header('User-Agent'));
      const { outcome, recoveryCodes } = await auth.finishTotpSetup(c.var.session, c.req.valid('json'), ua, ctxOf(c));
      rememberBrowser(c, outcome);
      return c.json({ recovery_codes: recoveryCodes }, 201);
    })
    .post('/session/invitation', validate('json', CheckInvitationBody), async (c) =>
      c.json(await auth.checkInvitation(c.var.session, c.req.valid('json').code), 200),
    )
    .post('/session/invitation/redeem', validate('json', RedeemInvitationBody), async (c) => {
      const codes = await auth.redeemInvitation(c.var.session, c.req.valid('json'), ctxOf(c));
      return c.json({ recovery_codes: codes }, 201);
    })
    .post('/session/step-up', validate('json', StepUpBody), async (c) => {
      const body = c.req.valid('json');
      await auth.stepUp(c.var.session, body.code, ctxOf(c));
      return c.json({ ok: true }, 200);
    })
    .post('/session/sign-out', async (c) => {
      await auth.signOut(c.var.session, getCookie(c, DEVICE_COOKIE), ctxOf(c));
      deleteCookie(c, DEVICE_COOKIE, frameCookie(0));
      return c.json({ sign_in: 'sign_in_required' as const }, 200);
    });
}
