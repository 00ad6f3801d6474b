import type { AlertPersonDto } from '@kyc-review/contracts';

// Who an alert is assigned or escalated to, as Cloud records it (docs/cloud-contract.md
// §6.5): `assigned_to` is a display name or a Blnk Cloud user id, `escalated_to` user ids.
// A Cloud user linked to a reviewer of the install (decision 017) is named as that reviewer.

/** Cloud's user ids start `user_`; anything else in `assigned_to` is a name Cloud shows as given. */
const looksLikeUserId = (value: string): boolean => value.startsWith('user_');

export function alertPerson(value: string, reviewerNames: ReadonlyMap<string, string>): AlertPersonDto {
  const reviewer = reviewerNames.get(value);
  if (reviewer !== undefined) return { kind: 'reviewer', name: reviewer, cloud_user_id: value };
  if (looksLikeUserId(value)) return { kind: 'cloud_user', name: null, cloud_user_id: value };
  return { kind: 'cloud_name', name: value, cloud_user_id: null };
}
