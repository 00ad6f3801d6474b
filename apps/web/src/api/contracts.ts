/**
 * The contracts (zod schemas) loaded on first use rather than with the entry: the entry
 * paints the loading screen with React alone while zod arrives in parallel with the first
 * /api call (decision 019). Every screen imports them statically; this is for the few
 * modules of the entry (the session bootstrap, the error reader), and it is the same chunk.
 */
export const loadContracts = () => import('@kyc-review/contracts');
