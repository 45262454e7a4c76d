import { expect, test } from 'vitest';
import { BodyDeadlines } from './read-body.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('each unfinished read expires at its own deadline, never early; finished reads never expire', async () => {
  const deadlines = new BodyDeadlines(150);
  const t0 = performance.now();
  const expired: Record<string, number> = {};
  const at = (name: string) => () => {
    expired[name] = performance.now() - t0;
  };
  const a = deadlines.start(at('a'));
  const done = deadlines.start(at('done'));
  await sleep(60);
  const b = deadlines.start(at('b'));
  deadlines.finish(done);
  await sleep(300);
  expect(Object.keys(expired).sort()).toEqual(['a', 'b']);
  expect(expired.a).toBeGreaterThanOrEqual(150);
  expect(expired.b).toBeGreaterThanOrEqual(210);
  // Finishing after expiry is harmless, and a later read gets a timer of its own again.
  deadlines.finish(a);
  deadlines.finish(b);
  const t1 = performance.now();
  let late = 0;
  deadlines.start(() => {
    late = performance.now() - t1;
  });
  await sleep(250);
  expect(late).toBeGreaterThanOrEqual(150);
});
