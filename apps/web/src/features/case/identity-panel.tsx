import type { CountryCodesDto, IdentityDto } from '@kyc-review/contracts';
import { countryLabel } from '../../components/country-label';
import { Panel } from '../../components/panel';
import { formatDate } from '../../components/time';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { fieldText, IDENTITY_FIELDS } from './identity-fields';
import { TokenizedValue } from './tokenized-value';

/** The identity as the ledger holds it; tokenized fields are masked until revealed. */
export function IdentityPanel({ identity, countries }: { identity: IdentityDto; countries: CountryCodesDto }) {
  const tokenized = new Set(identity.tokenized_fields);
  const fields = IDENTITY_FIELDS.filter(
    ({ field, types }) =>
      types === undefined || types.includes(identity.identity_type) || fieldText(identity, field) !== '—',
  );
  return (
    <Panel
      title="Identity"
      aside={
        <span>
          Created <TimeText iso={identity.created_at} format="date" />
        </span>
      }
    >
      <dl className={styles.facts}>
        {fields.map(({ field, label }) => (
          <div key={field} className={styles.fact}>
            <dt>{label}</dt>
            <dd>
              {tokenized.has(field) ? (
                <TokenizedValue identityId={identity.identity_id} field={field} label={label} />
              ) : field === 'dob' && identity.dob !== null ? (
                formatDate(identity.dob)
              ) : (field === 'country' || field === 'nationality') && countries[field] !== null ? (
                countryLabel(fieldText(identity, field), countries[field])
              ) : (
                fieldText(identity, field)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
