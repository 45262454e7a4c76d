import { describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';

describe('run --concurrency', () => {
  test.each(['0', 'abc', '-2', '1.5'])(
    '--concurrency %s → exit 2 with one sentence naming the flag',
    async (n) => {
      const r = await cli(['run', '--concurrency', n]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--concurrency');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
  );

  test('--concurrency 3 runs the embedded server with the same outcomes as --concurrency 1', async () => {
    const outcomes = async (n: string) => {
      const r = await cli([
        'run',
        '--concurrency',
        n,
        '--suite',
        'users,pagination',
        '--seed',
        '4',
        '--verbose',
      ]);
      expect(r.code).toBe(0);
      return r.stdout
        .split('\n')
        .filter((l) => /users\.|pagination\./.test(l))
        .map((l) => l.replace(/\s+\d+ms$/, ''))
        .sort();
    };
    expect(await outcomes('3')).toEqual(await outcomes('1'));
  }, 60_000);
});
