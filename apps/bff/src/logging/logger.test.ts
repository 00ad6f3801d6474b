import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('writes one JSON object per line at or above the level', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      sink: (l) => lines.push(l),
      now: () => new Date('2026-11-22T00:00:00Z'),
    });
    logger.debug('hidden');
    logger.info('shown', { install_id: 'instapp_1' });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { time: '2026-11-22T00:00:00.000Z', level: 'info', msg: 'shown', install_id: 'instapp_1' },
    ]);
  });

  it('redacts fields named like secrets but keeps prefixes and ids', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    logger.warn('oops', {
      api_key: 'blnk_x',
      token: 't',
      callback_secret: 's',
      session_id: 'id',
      cookie: 'c',
      key_prefix: 'blnk_ab',
      install_id: 'instapp_1',
    });
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      api_key: '[redacted]',
      token: '[redacted]',
      callback_secret: '[redacted]',
      session_id: '[redacted]',
      cookie: '[redacted]',
      key_prefix: 'blnk_ab',
      install_id: 'instapp_1',
    });
  });
});
