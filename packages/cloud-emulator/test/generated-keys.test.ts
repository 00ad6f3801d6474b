import { describe, expect, it } from 'vitest';
import { generatedInstance } from '../src/seed/generated-instance';
import { generateDemoWatchlist } from '../src/seed/watchlist';

// The 1M bench's identities share duplicate keys as a customer base does (decision 019):
// pairs and triples, a few percent of the identities, not emails repeated in every chunk
// (the first generator: 27 % of 100 000 shared an email, in groups of up to 100).

const COUNT = 30_000;
const data = generatedInstance(
  17,
  { instance_id: 'inst_keys', name: 'Keys' },
  COUNT,
  new Date('2026-12-01T00:00:00Z'),
  generateDemoWatchlist(),
);

type Keys = { email: string | null; phone: string | null; nameDob: string | null };
/** The duplicates' keys, simplified (lowercased email, digits of the phone, name and dob folded). */
function keysOf(row: {
  email_address: string;
  phone_number: string;
  first_name: string;
  last_name: string;
  dob: string;
}): Keys {
  const email = row.email_address.trim().toLowerCase();
  const digits = row.phone_number.replace(/\D/g, '').slice(-9);
  const name = `${row.first_name} ${row.last_name}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return {
    email: email.includes('@') && !email.startsWith('fpt:') ? email : null,
    phone: digits.length >= 7 ? digits : null,
    nameDob: name !== '' && !row.dob.startsWith('0001') ? `${name}|${row.dob.slice(0, 10)}` : null,
  };
}

describe('generated identities share keys like a customer base', () => {
  it('a few percent share each key, in small groups', () => {
    const groups = {
      email: new Map<string, number>(),
      phone: new Map<string, number>(),
      nameDob: new Map<string, number>(),
    };
    for (const row of data.identities.rows()) {
      const keys = keysOf(row);
      for (const key of ['email', 'phone', 'nameDob'] as const) {
        const value = keys[key];
        if (value !== null) groups[key].set(value, (groups[key].get(value) ?? 0) + 1);
      }
    }
    for (const [key, counts] of Object.entries(groups)) {
      const sizes = [...counts.values()].filter((n) => n > 1);
      const sharing = sizes.reduce((sum, n) => sum + n, 0);
      // Some sharing (the duplicate scenarios are still drawn), never most of the base.
      expect(sharing / COUNT, key).toBeGreaterThan(0.002);
      expect(sharing / COUNT, key).toBeLessThan(0.04);
      expect(Math.max(...sizes), key).toBeLessThanOrEqual(12);
    }
  });
});
