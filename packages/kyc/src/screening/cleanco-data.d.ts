// The `cleanco` package has no types; its data module is read as unknown and parsed with zod.
declare module 'cleanco/data.js' {
  const data: unknown;
  export default data;
}
