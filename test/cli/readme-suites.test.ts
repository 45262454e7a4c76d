/** README's suite table is tested against the catalogue, so its counts cannot drift from `list suites`. */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { SUITES } from '../../suites/index.js';

test("README's suite table names every suite with its number of checks, in catalogue order", async () => {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.split('\n## Suites\n')[1]?.split('\n## ')[0] ?? '';
  const rows = [...section.matchAll(/^\| ([a-z-]+) \| (\d+)( per profile)? \|/gm)].map((m) => [
    m[1],
    Number(m[2]),
  ]);
  expect(rows).toEqual(SUITES.map((s) => [s.name, s.checks.length]));
});
