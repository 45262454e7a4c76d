import { expect, test } from 'vitest';
import { eachBounded } from '../../engine/bounded.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('at most `width` at once, indexes started in order, every index once', async () => {
  let now = 0;
  let max = 0;
  const started: number[] = [];
  await eachBounded(10, 3, async (i) => {
    started.push(i);
    now++;
    max = Math.max(max, now);
    await tick();
    now--;
  });
  expect(max).toBe(3);
  expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('a width below one still runs one at a time; stop() keeps further indexes from starting', async () => {
  const started: number[] = [];
  await eachBounded(
    10,
    0,
    async (i) => {
      started.push(i);
      await tick();
    },
    () => started.length >= 4,
  );
  expect(started).toEqual([0, 1, 2, 3]);
});
