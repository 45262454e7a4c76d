import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { QUIRKS, listQuirks } from '../../../reference-server/quirks/index.js';

/** Every non-test TypeScript file of the reference server outside the quirk catalogue itself. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'quirks' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('each behaviour quirk is decided at exactly one place, and response quirks at none', () => {
  const text = sources('reference-server').map((file) => [file, readFileSync(file, 'utf8')] as const);
  const places = (name: string) =>
    text.flatMap(([file, src]) =>
      src.split('\n').flatMap((line, i) => (line.includes(`has('${name}')`) ? [`${file}:${i + 1}`] : [])),
    );
  const wrong = listQuirks()
    .map((q) => ({ name: q.name, kind: q.kind, places: places(q.name) }))
    .filter((q) => q.places.length !== (q.kind === 'switch' ? 1 : 0));
  expect(wrong).toEqual([]);
});

test('the catalogue holds at least 40 quirks, each described in one sentence', () => {
  const list = listQuirks();
  expect(list.length).toBeGreaterThanOrEqual(40);
  expect(Object.keys(QUIRKS)).toHaveLength(list.length);
  for (const q of list) expect(q.description.split(/(?<=\.) (?=[A-Z])/), q.name).toHaveLength(1);
});
