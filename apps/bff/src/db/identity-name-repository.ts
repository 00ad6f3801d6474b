import { z } from 'zod';
import type { Db } from './open-database';

// The names the app knows for identity ids, from the cases it keeps (one per mirrored
// identity), so a screen that lists ids Cloud gave it (an alert's affected identities) can
// show people by name. An id the install has no case for has no name here.

const NameRow = z.object({ identity_id: z.string(), display_name: z.string() });

/** At most this many ids per look-up: an alert names a handful, one statement covers them. */
const MAX_IDS = 500;

export type IdentityNameRepository = ReturnType<typeof createIdentityNameRepository>;

export function createIdentityNameRepository(db: Db) {
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (s === undefined) {
      // On the (installed_app_id, identity_id) unique index: one seek per id.
      s = db.prepare(`SELECT identity_id, display_name FROM kyc_cases
        WHERE installed_app_id = ? AND identity_id IN (${Array.from({ length: n }, () => '?').join(', ')})`);
      statements.set(n, s);
    }
    return s;
  };
  return {
    /** The display name of each id the install has a case for (blank names left out). */
    namesOf(installedAppId: string, identityIds: readonly string[]): ReadonlyMap<string, string> {
      const ids = [...new Set(identityIds)].slice(0, MAX_IDS);
      if (ids.length === 0) return new Map();
      const rows = statement(ids.length)
        .all([installedAppId, ...ids])
        .map((r) => NameRow.parse(r));
      return new Map(rows.filter((r) => r.display_name.trim() !== '').map((r) => [r.identity_id, r.display_name]));
    },
  };
}
