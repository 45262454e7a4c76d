import { describe, expect, test } from 'vitest';
import { parseRunConfig } from '../../../engine/config/index.js';
import { redactBody, redactHeaders } from '../../../engine/transport/index.js';

describe('configuration', () => {
  test('unknown keys and wrong types are CONFIG_INVALID', () => {
    expect(() => parseRunConfig({ tagret: 'x' }, 'f.yaml')).toThrow(/unknown key\(s\) tagret/);
    expect(() => parseRunConfig({ seed: 'abc' }, 'f.yaml')).toThrow(/seed must be an integer/);
    expect(() => parseRunConfig({ failOn: 'always' }, 'f.yaml')).toThrow(/fail-on must be/);
    expect(() => parseRunConfig(['a'], 'f.yaml')).toThrow(/expected a mapping/);
    expect(() => parseRunConfig({ concurrency: 0 }, 'f.yaml')).toThrow(/"concurrency" must be >= 1/);
    expect(() => parseRunConfig({ rate: 'fast' }, 'f.yaml')).toThrow(/\/rate: "rate" must be/);
    expect(parseRunConfig({ concurrency: 4, rate: 2.5 }, 'f.yaml')).toEqual({ concurrency: 4, rate: 2.5 });
  });
});

describe('redaction', () => {
  test('PATCH values aimed at a password, nested passwords and auth headers', () => {
    const body = JSON.stringify({
      Operations: [
        { op: 'replace', path: 'password', value: 'p1-secret' },
        { op: 'replace', value: { password: 'p2-secret', active: true } },
        { op: 'replace', path: 'displayName', value: 'keep me' },
      ],
    });
    const out = redactBody(body, []);
    expect(out).not.toContain('p1-secret');
    expect(out).not.toContain('p2-secret');
    expect(out).toContain('keep me');
    expect(redactBody('{ "a" : 1 }', [])).toBe('{ "a" : 1 }');
    expect(
      redactHeaders({ authorization: 'Basic abc', cookie: 'sid=1', 'x-other': 'tok-abcdef' }, ['tok-abcdef']),
    ).toEqual({
      authorization: 'Basic [REDACTED]',
      cookie: '[REDACTED]',
      'x-other': '[REDACTED]',
    });
  });
});
