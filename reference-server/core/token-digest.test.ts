import { expect, test } from 'vitest';
import { sha256, tokenMatchesDigest } from './token-digest.js';

test('a remembered token opens only the digest it matched, and never turns a wrong token right', () => {
  const alpha = sha256('alpha-secret');
  const beta = sha256('beta-secret!');
  for (let round = 0; round < 3; round++) {
    expect(tokenMatchesDigest('alpha-secret', alpha)).toBe(true);
    expect(tokenMatchesDigest('alpha-secret', beta)).toBe(false);
    // Same length as the remembered token, one byte off; then longer, shorter and empty.
    expect(tokenMatchesDigest('alpha-secreT', alpha)).toBe(false);
    expect(tokenMatchesDigest('alpha-secret ', alpha)).toBe(false);
    expect(tokenMatchesDigest('alpha', alpha)).toBe(false);
    expect(tokenMatchesDigest('', alpha)).toBe(false);
    expect(tokenMatchesDigest('beta-secret!', beta)).toBe(true);
    expect(tokenMatchesDigest('beta-secret!', alpha)).toBe(false);
  }
  // A different digest object of the same token starts with nothing remembered and still matches by hash.
  expect(tokenMatchesDigest('alpha-secret', sha256('alpha-secret'))).toBe(true);
  // Lone surrogates become U+FFFD in both the hash and the remembered bytes, as before.
  const odd = sha256('\ud800x');
  expect(tokenMatchesDigest('\ud800x', odd)).toBe(true);
  expect(tokenMatchesDigest('\ud800x', odd)).toBe(true);
  expect(tokenMatchesDigest('\ufffdx', odd)).toBe(true);
});
