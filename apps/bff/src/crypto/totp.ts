import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238) with otpauth: SHA-1, 6 digits, 30 s, one step of clock drift either way
 * (what every authenticator app supports). A code is accepted only for a time step later
 * than the last one accepted, so a code seen over a shoulder cannot be replayed.
 */
const PERIOD = 30;
const ISSUER = 'KYC Review';

const totp = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export type TotpEnrolment = { readonly secret: string; readonly otpauthUrl: string; readonly qrSvgDataUrl: string };

export async function totpEnrolment(secret: string, label: string): Promise<TotpEnrolment> {
  const otpauthUrl = totp(secret, label).toString();
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step the code belongs to, or null when it is wrong, outside the window, or not
 * later than `lastStep` (already used). otpauth compares codes in constant time.
 */
export function verifyTotp(secret: string, code: string, nowMs: number, lastStep: number | null): number | null {
  const delta = totp(secret, 'check').validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The current code for a secret: for tests and the test harness (an authenticator app's job). */
export function totpCode(secret: string, nowMs: number): string {
  return totp(secret, 'code').generate({ timestamp: nowMs });
}
