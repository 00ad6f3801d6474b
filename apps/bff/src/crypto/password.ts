import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing, parameters in this one place (docs/decisions/017). scrypt from
 * node:crypto with an OWASP-listed cost (N=2^15, r=8, p=3: about 32 MiB per hash), run on
 * libuv's thread pool so a sign-in never blocks the event loop. The parameters travel in
 * the stored string, so raising them later keeps old hashes verifiable.
 */
export const PASSWORD_HASH_PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export type HashParams = { readonly N: number; readonly r: number; readonly p: number };

function derive(password: string, salt: Buffer, params: HashParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt>$<key>` (base64url). `params` other than the default are for tests only. */
export async function hashPassword(password: string, params: HashParams = PASSWORD_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Constant-time compare of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (m === null) return false;
  const [, n, r, p, salt, key] = m;
  const expected = Buffer.from(key ?? '', 'base64url');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | null = null;
/**
 * Spends the same time as a real check when the email is unknown, so the answer's timing
 * does not tell whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not a real password, only for timing');
  await verifyPassword(password, await dummy);
}

// A short list of the most common passwords of 12+ characters (public breach corpora);
// a password that is one of these, ignoring case, is refused.
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678910',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'abcdefghijkl',
  'abc123456789',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'changeme1234',
  'trustno11234',
  'football1234',
  'baseball1234',
  'monkey123456',
  'sunshine1234',
  'princess1234',
  'superman1234',
  'starwars1234',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '123123123123',
  '987654321098',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'qwertyqwerty',
  'asdfghjkl123',
  'zxcvbnm12345',
  'blnkcloud123',
  'kycreview123',
  'compliance123',
  'correcthorsebatterystaple',
]);

/** Why a new password is refused, or null. (Length and size are checked by the body schema.) */
export function passwordProblem(password: string, context: readonly string[] = []): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This password is too common. Choose another.';
  if (new Set(lower).size < 4) return 'This password repeats too few characters. Choose another.';
  for (const part of context) {
    if (part.length >= 4 && lower.includes(part.toLowerCase()))
      return 'The password must not contain your name or email.';
  }
  return null;
}
