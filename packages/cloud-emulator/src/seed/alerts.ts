import type { AlertRow, IdentityRow } from '../state/records';
import type { SeedContext } from './context';

// Alerts other teams already raised in Cloud: open ones on some risky identities and
// a few resolved ones, so the case view has history to show.

export function seedAlerts(ctx: SeedContext, identities: readonly IdentityRow[]): AlertRow[] {
  const { prng } = ctx;
  const alerts: AlertRow[] = [];
  for (const identity of identities) {
    const seedCase = identity.meta_data['seed_case'];
    const risky = typeof seedCase === 'string' && (seedCase.startsWith('watchlist_') || seedCase === 'fatf_country');
    if (!(risky ? prng.chance(0.4) : prng.chance(0.02))) continue;
    const created = ctx.pastTime(200, 1);
    alerts.push({
      anomaly_id: ctx.id('ano_'),
      title: risky ? 'Possible sanctions exposure' : 'Unusual account activity',
      description: risky
        ? 'Name resembles a watchlist entry; raised by the screening team.'
        : 'Several deposits just under the reporting threshold.',
      type: 'Identity',
      assigned_to: prng.pick(['Compliance Team', 'Ops On-call', '']),
      escalated_to: prng.chance(0.3) ? [`user_${prng.uuid()}`] : [],
      status: prng.pick(['FLAGGED', 'FLAGGED', 'INVESTIGATING', 'RESOLVED']),
      created_at: created,
      updated_at: created,
      affected_balances: [],
      affected_identities: [identity.identity_id],
      affected_transactions: [],
    });
  }
  return alerts;
}
