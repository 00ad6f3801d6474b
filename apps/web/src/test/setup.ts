// Adds the jest-dom matchers (toBeInTheDocument, toHaveAccessibleName, …) to vitest's expect
// and unmounts rendered trees between tests.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout, so no ResizeObserver; Radix's positioning (tooltips, popovers) needs
// one to exist. Nothing is ever resized in jsdom, so observing nothing is accurate.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in globalThis)) Object.assign(globalThis, { ResizeObserver: NoLayoutResizeObserver });

afterEach(() => {
  cleanup();
});
