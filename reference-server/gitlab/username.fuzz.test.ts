import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sanitizeUsername } from './username.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 5000);

/** Steps 1–6 of §10b as written before the fast path for plain names: the oracle. */
function stepByStep(input: string): string {
  let name = input;
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  name = name.replace(/[^A-Za-z0-9_.-]/g, '');
  let previous: string;
  do {
    previous = name;
    name = name.replace(/(\.git|\.atom|\.)$/, '');
  } while (name !== previous);
  name = name.replace(/^-+/, '');
  if (name === '') name = 'blank';
  name = name
    .replace(/^[_.-]+/, '')
    .replace(/[_.-]+$/, '')
    .replace(/([_.-])[_.-]+/g, '$1');
  return name === '' ? 'blank' : name;
}

// Mostly the characters the steps care about, so separators, dots and suffixes meet often.
const char = fc.constantFrom(...'aZ09_.-@ +é\n'.split(''), '.git', '.atom', 'git', 'atom');
const input = fc.oneof(
  fc.array(char, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 12 }),
);

test('sanitizeUsername agrees with the step-by-step sanitizer', () => {
  fc.assert(
    fc.property(input, (text) => {
      expect(sanitizeUsername(text)).toBe(stepByStep(text));
    }),
    { numRuns, seed: 18 },
  );
});

test('plain names and the suffix, separator and blank cases', () => {
  for (const text of [
    'bench-123@example.com',
    'a_b-c',
    'a.git',
    'a-.git',
    'a__b',
    '-a',
    '_a_',
    '@x',
    'a.b.atom',
    'x\n',
    '',
    '-',
    'A1',
  ]) {
    expect(sanitizeUsername(text)).toBe(stepByStep(text));
  }
});
