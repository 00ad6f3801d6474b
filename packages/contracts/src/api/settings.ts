import { z } from 'zod';
import { CaseStatus } from './case-status';
import { RiskLevel } from '../kyc/risk';
import { KycSettings } from '../kyc/settings';

/** How many impacted cases a settings impact preview names (the counts cover all of them). */
export const SETTINGS_IMPACT_SAMPLES = 20;

/** One case a proposed settings change would move: its band, and whether it would need a re-review. */
export const SettingsImpactCaseDto = z.object({
  case_id: z.string(),
  identity_id: z.string(),
  name: z.string(),
  status: CaseStatus,
  risk_before: RiskLevel,
  risk_after: RiskLevel,
  /** The case is decided and would move to needs_rereview (or, already there, raise new alerts). */
  needs_rereview: z.boolean(),
  /** What monitoring would say changed since the decision, one line per alert. */
  changes: z.array(z.string()),
});
export type SettingsImpactCaseDto = z.infer<typeof SettingsImpactCaseDto>;

/**
 * What saving these settings would do, computed by re-assessing every case in memory
 * without writing anything (decision 011): "14 cases change band, 3 would need re-review".
 */
export const SettingsImpactDto = z.object({
  /** Cases judged (every case of the install with a mirrored identity). */
  cases: z.number().int().nonnegative(),
  band_changes: z.number().int().nonnegative(),
  band_moves: z.array(z.object({ from: RiskLevel, to: RiskLevel, cases: z.number().int().positive() })),
  /** Decided cases that would move to needs_rereview. */
  would_need_rereview: z.number().int().nonnegative(),
  /** Cloud alerts monitoring would raise (one per change, also on cases already in re-review). */
  alerts: z.number().int().nonnegative(),
  /** The threshold went down, so every identity was screened again (the slower path). */
  rescreened: z.boolean(),
  /** The first impacted cases, those that would need a re-review first. */
  samples: z.array(SettingsImpactCaseDto),
  computed_ms: z.number().nonnegative(),
});
export type SettingsImpactDto = z.infer<typeof SettingsImpactDto>;

/** One setting that differs between two saved versions, by its path ("risk_bands.high"). */
export const SettingsFieldChangeDto = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type SettingsFieldChangeDto = z.infer<typeof SettingsFieldChangeDto>;

/** One saved settings change: who, when, what it was before and after. */
export const SettingsChangeDto = z.object({
  change_id: z.number().int().positive(),
  version: z.number().int().positive(),
  changed_at: z.string(),
  /** A reviewer id, or what a save from before reviewers recorded (decision 017). */
  changed_by: z.string(),
  /** The reviewer's display name at the time; null when none was recorded. */
  changed_by_name: z.string().nullable(),
  before: KycSettings,
  after: KycSettings,
  fields: z.array(SettingsFieldChangeDto),
});
export type SettingsChangeDto = z.infer<typeof SettingsChangeDto>;

export const SettingsHistoryDto = z.object({
  items: z.array(SettingsChangeDto),
  /** Pass as `before` to read older changes; null on the oldest page. */
  next_before: z.number().int().positive().nullable(),
});
export type SettingsHistoryDto = z.infer<typeof SettingsHistoryDto>;

export const SettingsHistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SettingsHistoryQuery = z.infer<typeof SettingsHistoryQuery>;
