import { CaseSort, RiskLevel } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { controlClass } from '../../components/field';
import { RISK_LABELS } from '../../components/risk-badge';
import { IdentityTypeParam, type QueueFilterChanges, type QueueFilters } from './queue-filters';
import styles from './queue-page.module.css';
import { SORT_LABELS } from './queue-sort';

export interface QueueToolbarProps {
  filters: QueueFilters;
  onChange: (changes: QueueFilterChanges) => void;
}

/**
 * Search and filters. Selects apply at once; the two text fields apply on Enter or
 * "Search", so typing does not fire a request per key.
 */
export function QueueToolbar({ filters, onChange }: QueueToolbarProps) {
  const [q, setQ] = useState(filters.q ?? '');
  const [country, setCountry] = useState(filters.country ?? '');
  const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim());

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    onChange({ q: trimmed(q), country: trimmed(country) });
  };

  return (
    <form role="search" aria-label="Search and filter the queue" className={styles.toolbar} onSubmit={onSubmit}>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Search</span>
        <input
          type="search"
          className={controlClass}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Name or email"
          maxLength={100}
        />
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Country</span>
        <input
          className={controlClass}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          placeholder="e.g. Canada"
          maxLength={64}
        />
      </label>
      <Button type="submit">Search</Button>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Risk</span>
        <select
          className={controlClass}
          value={filters.risk_level ?? ''}
          onChange={(e) => onChange({ risk_level: RiskLevel.safeParse(e.target.value).data })}
        >
          <option value="">Any risk</option>
          {RiskLevel.options.map((level) => (
            <option key={level} value={level}>
              {RISK_LABELS[level]}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Type</span>
        <select
          className={controlClass}
          value={filters.identity_type ?? ''}
          onChange={(e) => onChange({ identity_type: IdentityTypeParam.safeParse(e.target.value).data })}
        >
          <option value="">Any type</option>
          <option value="individual">Individual</option>
          <option value="organization">Organization</option>
        </select>
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Sort</span>
        <select
          className={controlClass}
          value={filters.sort}
          onChange={(e) => onChange({ sort: CaseSort.safeParse(e.target.value).data ?? 'risk_desc' })}
        >
          {CaseSort.options.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
