import { describe, expect, test } from 'vitest';
import { computeVerdicts, exitCodeFor } from '../../engine/runner/index.js';
import type { AnyCheck, CheckResult, Level } from '../../engine/model/index.js';

const check = (id: string, extra: Partial<AnyCheck> = {}) => ({ id, ...extra }) as AnyCheck;
const result = (
  id: string,
  outcome: CheckResult['outcome'],
  level: Level = 'MUST',
  profile = 'rfc',
): CheckResult => ({
  id,
  title: id,
  suite: 's',
  profile,
  level,
  rfc: 'RFC7644 3.3',
  outcome,
  exchanges: [],
  ms: 1,
});

describe('verdicts', () => {
  const checks = new Map<string, AnyCheck>([
    ['rfc.only', check('rfc.only')],
    ['both', check('both', { profiles: ['rfc', 'entra-id'] })],
    ['entra.flow', check('entra.flow', { perProfile: true, profiles: ['entra-id', 'okta'] })],
  ]);

  test('a failure counts against the profiles its check lists; a per-profile run against its profile', () => {
    const verdicts = computeVerdicts(
      [
        result('rfc.only', 'fail'),
        result('both', 'pass'),
        result('entra.flow', 'fail', 'MUST', 'okta'),
        result('entra.flow', 'pass', 'MUST', 'entra-id'),
      ],
      checks,
      ['rfc', 'entra-id', 'okta'],
      'must',
    );
    expect(verdicts).toEqual({
      rfc: { compatible: false, failed: ['rfc.only'] },
      'entra-id': { compatible: true, failed: [] },
      okta: { compatible: false, failed: ['entra.flow'] },
    });
  });

  test('an error makes a profile not compatible; levels below fail-on do not', () => {
    const results = [result('both', 'error'), result('rfc.only', 'fail', 'SHOULD')];
    expect(computeVerdicts(results, checks, ['entra-id'], 'must')).toEqual({
      rfc: { compatible: false, failed: ['both'] },
      'entra-id': { compatible: false, failed: ['both'] },
    });
    expect(computeVerdicts(results, checks, [], 'should').rfc?.failed).toEqual(['both', 'rfc.only']);
    expect(exitCodeFor({ results: [result('x', 'fail', 'SHOULD'), result('y', 'skip')] }, 'must')).toBe(0);
    expect(exitCodeFor({ results: [result('x', 'error', 'MUST')] }, 'must')).toBe(1);
    expect(exitCodeFor({ results: [result('x', 'fail', 'MAY')] }, 'should')).toBe(0);
  });
});
