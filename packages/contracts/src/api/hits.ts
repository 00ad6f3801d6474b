import { z } from 'zod';
import { WatchlistHit } from '../kyc/watchlist-hit';
import { CaseNote } from './decisions';

// Verdicts on watchlist hits (docs/product.md "Hit verdicts are decisions too").

export const HitDisposition = z.enum(['confirmed', 'false_positive']);
export type HitDisposition = z.infer<typeof HitDisposition>;

/** Why a hit was marked: `confirmed_same_person` confirms it, every other code dismisses it. */
export const HitReasonCode = z.enum([
  'confirmed_same_person',
  'different_dob',
  'different_nationality',
  'different_person_other_identifiers',
  'common_name',
]);
export type HitReasonCode = z.infer<typeof HitReasonCode>;

/** A verdict is a decision too: disposition, reason code and note (docs/product.md "Hit verdicts are decisions too"). */
export const HitDispositionBody = z
  .object({ disposition: HitDisposition, reason_code: HitReasonCode, note: CaseNote })
  .superRefine((b, ctx) => {
    const confirms = b.reason_code === 'confirmed_same_person';
    if (confirms !== (b.disposition === 'confirmed'))
      ctx.addIssue({
        code: 'custom',
        path: ['reason_code'],
        message: confirms
          ? 'confirmed_same_person is the reason for a confirmed match only.'
          : 'A confirmed match takes the reason code confirmed_same_person.',
      });
  });
export type HitDispositionBody = z.infer<typeof HitDispositionBody>;

/** A lead reverses a verdict; the hit is open again. */
export const HitReversalBody = z.object({ note: CaseNote });
export type HitReversalBody = z.infer<typeof HitReversalBody>;

export const CaseHitDto = WatchlistHit.extend({
  disposition: z.enum(['open', 'confirmed', 'false_positive']),
  disposed_by: z.string().nullable(),
  disposed_by_name: z.string().nullable(),
  disposed_at: z.string().nullable(),
  reason_code: HitReasonCode.nullable(),
  note: z.string().nullable(),
});
export type CaseHitDto = z.infer<typeof CaseHitDto>;
