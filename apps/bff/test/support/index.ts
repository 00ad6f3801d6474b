// Test helpers for the BFF, shared with other packages' tests: `@kyc-review/bff/test-support`.
export { FakeClock } from './fake-clock';
export {
  createTestApp,
  TEST_CALLBACK_SECRET,
  TEST_ENCRYPTION_KEY,
  TEST_ENV,
  TEST_PUBLIC_URL,
  type TestApp,
  type TestAppOverrides,
} from './test-app';
export {
  apiHeaders,
  DEFAULT_IDS,
  enterPortal,
  type EnterOptions,
  installApp,
  installEvent,
  launchPortal,
  portalRequest,
  postCloud,
  uninstallApp,
  uninstallEvent,
  type InstallOptions,
  type PortalOptions,
  type PortalSession,
} from './lifecycle';
export { startServer } from './server';
export { caseRowWriter, type CaseRow } from './case-rows';
export {
  createEmulatorBackedApp,
  type EmulatorBackedApp,
  type EmulatorBackedOptions,
  type InstalledSession,
  type LaunchOptions,
} from './emulator-app';
export {
  ensureReviewer,
  reviewerEmail,
  signInAs,
  signInSession,
  TEST_PASSWORD,
  type ReviewerSpec,
  type TestReviewer,
} from './reviewers';
