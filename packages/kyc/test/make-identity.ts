import { Identity } from '@kyc-review/contracts';

let counter = 0;

/** A complete, valid individual; tests override what they are about. Parsed like Cloud data. */
export function makeIdentity(overrides: Record<string, unknown> = {}): Identity {
  counter++;
  return Identity.parse({
    identity_id: `idt_test${String(counter)}`,
    identity_type: 'individual',
    organization_name: '',
    category: '',
    first_name: 'Ada',
    last_name: 'Lovelace',
    other_names: '',
    gender: '',
    email_address: `ada${String(counter)}@example.com`,
    phone_number: '',
    nationality: 'British',
    street: '12 St James Square',
    country: 'United Kingdom',
    state: '',
    post_code: 'SW1Y 4JH',
    city: 'London',
    dob: '1990-12-10T00:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    meta_data: {},
    ...overrides,
  });
}
