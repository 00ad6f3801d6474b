import { BadRequestError } from '../errors';

/** `If-Match: "v<version>"` (from the case's ETag) or nothing; anything else is a 400. */
export function expectedVersion(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"v(\d{1,12})"$/.exec(header.trim());
  if (match?.[1] === undefined) throw new BadRequestError('If-Match must be the ETag of the case, for example "v3".');
  return Number(match[1]);
}
