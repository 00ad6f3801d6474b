import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@kyc-review/contracts';

// ERROR_CODES is the list of what the BFF emits. `AppError` only takes a listed code (the
// compiler checks that direction); this checks the other: every listed code is emitted
// somewhere in the BFF's source, so the SPA never branches on a code nothing sends.

const SRC = join(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('ERROR_CODES', () => {
  const source = sourceFiles(SRC)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it.each(ERROR_CODES.map((code) => [code]))('%s is emitted by the BFF', (code) => {
    expect(source).toContain(`'${code}'`);
  });

  it('has no code twice', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
