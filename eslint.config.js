import { config } from '@kyc-review/eslint-config';

export default config(import.meta.dirname);
