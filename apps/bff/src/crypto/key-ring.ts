import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { KeySpec } from './key-spec';

/** Thrown when a ciphertext cannot be opened: wrong key id, tampering, or another install's data. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key id in the envelope (`v1.<kid>.<iv>.<tag>.<ciphertext>`, base64url)
 * so keys can rotate: the first key seals, any listed key opens. The caller passes
 * associated data (the install id) so a ciphertext moved to another row fails to open.
 */
export class KeyRing {
  private readonly byKid: ReadonlyMap<string, Buffer>;
  private readonly primary: KeySpec;
  /** One fingerprint key per key in the ring, the primary's first. */
  private readonly fingerprintKeys: readonly Buffer[];

  constructor(keys: readonly KeySpec[]) {
    const [primary] = keys;
    if (primary === undefined) throw new Error('KeyRing needs at least one key');
    this.primary = primary;
    this.byKid = new Map(keys.map((k) => [k.kid, k.key]));
    // Separate derived keys: fingerprints must not be computable from ciphertexts' key use.
    this.fingerprintKeys = keys.map((k) =>
      Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'kyc-review api-key fingerprint v1', 32)),
    );
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.primary.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      this.primary.kid,
      iv.toString('base64url'),
      tag.toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  open(envelope: string, associatedData: string): string {
    const [version, kid, iv, tag, body, ...rest] = envelope.split('.');
    if (
      version !== VERSION ||
      kid === undefined ||
      iv === undefined ||
      tag === undefined ||
      body === undefined ||
      rest.length > 0
    ) {
      throw new DecryptionError('Unrecognised ciphertext format.');
    }
    const key = this.byKid.get(kid);
    if (key === undefined) throw new DecryptionError(`No key with id "${kid}" is configured.`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('Ciphertext failed authentication.');
    }
  }

  /** The key id a ciphertext was sealed with (to find rows still under an old key). */
  static kidOf(envelope: string): string | null {
    const [version, kid] = envelope.split('.');
    return version === VERSION && kid !== undefined ? kid : null;
  }

  /** HMAC-SHA256 of a secret under the primary key: compare API keys without decrypting, never reversible. */
  fingerprint(secret: string): string {
    return this.fingerprinters()[0]?.(secret) ?? '';
  }

  /**
   * One fingerprint function per key in the ring, the primary's first. What was stored
   * before a rotation was fingerprinted under an older key: checking every key still
   * recognises it (a replayed event, a repeated API key) while the old key is listed.
   */
  fingerprinters(): readonly ((secret: string) => string)[] {
    return this.fingerprintKeys.map(
      (key) => (secret: string) => createHmac('sha256', key).update(secret, 'utf8').digest('base64url'),
    );
  }
}
