import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  FIGURES_END,
  FIGURES_START,
  loadRequirements,
  renderFigures,
  withReadmeFigures,
} from '../../../engine/requirements/index.js';
import { repoRoot } from '../../../fixtures/expectations/mutation-sweep.js';
import { SUITES } from '../../../suites/index.js';

test('the README figures are the ones the catalogue and the checklists give (node scripts/figures-doc.mjs)', () => {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  expect(readme).toContain(FIGURES_START);
  expect(readme).toContain(FIGURES_END);
  const figures = renderFigures(
    SUITES.flatMap((s) => s.checks),
    loadRequirements(),
  );
  expect(withReadmeFigures(readme, figures), 'stale: run npm run build && node scripts/figures-doc.mjs').toBe(
    readme,
  );
  expect(figures).toMatch(/^\*\*\d+ checks\*\* in \d+ suites/);
});
