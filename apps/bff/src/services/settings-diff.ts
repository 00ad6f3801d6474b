import type { KycSettings, SettingsFieldChangeDto } from '@kyc-review/contracts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The settings that differ between two versions, one per leaf by its dotted path
 * ("risk_bands.high", "due_days.new.low"); a list (FATF countries) is one value.
 */
export function settingsFieldChanges(before: KycSettings, after: KycSettings): SettingsFieldChangeDto[] {
  const changes: SettingsFieldChangeDto[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (isRecord(a) && isRecord(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
        walk(path === '' ? key : `${path}.${key}`, a[key], b[key]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a ?? null, after: b ?? null });
  };
  walk('', before, after);
  return changes;
}
