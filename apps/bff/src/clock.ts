/** Time is a dependency so tests can move it (token TTL, session expiry). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
