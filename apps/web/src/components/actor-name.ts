// Who did something, in words. The BFF names reviewers; an entry from before reviewers
// existed (decision 017) was recorded with the install's key or a Blnk Cloud user id, which
// no screen shows raw.

const SYSTEM = 'KYC Review';

/** The display name, else what kind of actor the recorded id is. */
export function actorName(id: string, name: string | null | undefined): string {
  if (name !== null && name !== undefined && name !== '') return name;
  if (id === 'system') return SYSTEM;
  if (id.startsWith('install:')) return 'the install (before sign-in)';
  if (id.startsWith('rvw_')) return 'a former reviewer';
  return 'a Blnk Cloud user';
}
