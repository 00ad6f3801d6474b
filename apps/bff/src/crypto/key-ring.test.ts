import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, KeyRing } from './key-ring';
import { parseKeyList } from './key-spec';

const key = (kid: string) => ({ kid, key: randomBytes(32) });

describe('KeyRing', () => {
  it('round-trips and never stores the plaintext', () => {
    const ring = new KeyRing([key('k1')]);
    const sealed = ring.seal('blnk_secret_key_value', 'instapp_a');
    expect(sealed).not.toContain('blnk_secret_key_value');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(ring.open(sealed, 'instapp_a')).toBe('blnk_secret_key_value');
    expect(ring.seal('same', 'instapp_a')).not.toBe(ring.seal('same', 'instapp_a'));
  });

  it('refuses a ciphertext moved to another install (associated data)', () => {
    const ring = new KeyRing([key('k1')]);
    const sealed = ring.seal('blnk_secret', 'instapp_a');
    expect(() => ring.open(sealed, 'instapp_b')).toThrow(DecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const ring = new KeyRing([key('k1')]);
    const parts = ring.seal('blnk_secret', 'instapp_a').split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => ring.open(parts.join('.'), 'instapp_a')).toThrow(DecryptionError);
    expect(() => ring.open('garbage', 'instapp_a')).toThrow(DecryptionError);
  });

  it('rotates: the first key encrypts, an old key still decrypts', () => {
    const old = key('k1');
    const sealedUnderOld = new KeyRing([old]).seal('blnk_old', 'instapp_a');
    const rotated = new KeyRing([key('k2'), old]);
    expect(rotated.open(sealedUnderOld, 'instapp_a')).toBe('blnk_old');
    const fresh = rotated.seal('blnk_new', 'instapp_a');
    expect(KeyRing.kidOf(fresh)).toBe('k2');
    expect(() => new KeyRing([key('k3')]).open(sealedUnderOld, 'instapp_a')).toThrow(/No key with id "k1"/);
  });

  it('fingerprints a key stably, without revealing it, and differently per key ring', () => {
    const k = key('k1');
    expect(new KeyRing([k]).fingerprint('blnk_a')).toBe(new KeyRing([k]).fingerprint('blnk_a'));
    expect(new KeyRing([k]).fingerprint('blnk_a')).not.toBe(new KeyRing([k]).fingerprint('blnk_b'));
    expect(new KeyRing([key('k1')]).fingerprint('blnk_a')).not.toBe(new KeyRing([k]).fingerprint('blnk_a'));
  });
});

describe('parseKeyList', () => {
  const b64 = () => randomBytes(32).toString('base64');

  it('accepts one bare key as kid k1, or a kid:key list in order', () => {
    const single = parseKeyList(b64());
    expect(single.ok && single.keys.map((k) => k.kid)).toEqual(['k1']);
    const list = parseKeyList(`k2:${b64()}, k1:${b64()}`);
    expect(list.ok && list.keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
  });

  it('explains what is wrong without echoing the key', () => {
    const short = randomBytes(16).toString('base64');
    const result = parseKeyList(short);
    expect(result).toEqual({ ok: false, problem: 'the key must decode to 32 bytes (got 16)' });
    expect(parseKeyList(`k1:${b64()},k1:${b64()}`)).toMatchObject({
      ok: false,
      problem: 'key id "k1" is listed twice',
    });
    expect(parseKeyList(`${b64()},${b64()}`)).toMatchObject({ ok: false });
    expect(parseKeyList('not base64!')).toMatchObject({ ok: false, problem: 'the key is not base64' });
  });
});
