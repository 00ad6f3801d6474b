import type { DecisionBody } from '@kyc-review/contracts';
import { riskPoints } from '@kyc-review/kyc';
import type { CaseRecord } from './case-record';
import { raisesAlert } from './decision-rules';
import { actorLabel, type Actor } from './reviewer';
import type { AlertPayload } from './write-back-plan';

/** The Cloud alert a reject or an escalation raises on the identity (docs/product.md step 5); null for others. */
export function alertFor(body: DecisionBody, kase: CaseRecord, actor: Actor): AlertPayload | null {
  if (!raisesAlert(body.action)) return null;
  const verb = body.action === 'reject' ? 'rejected' : 'escalated';
  const reason = body.reason_code === undefined ? '' : ` (${body.reason_code})`;
  return {
    title: `KYC review: identity ${verb}`,
    description:
      `KYC case ${kase.caseId} ${verb}${reason} by ${actorLabel(actor)}, risk ${kase.assessment.risk.level} ${String(riskPoints(kase.assessment.risk.score))}: ${body.note ?? ''}`.trim(),
  };
}
