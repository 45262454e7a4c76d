/**
 * The README's generated figures: how many checks there are, and the requirement coverage per RFC, so the
 * README never states a number nobody computed (scripts/figures-doc.mjs writes it, a test keeps it current).
 * @module
 */
import type { Level } from '../model/index.js';
import { citations, coverage, percent } from './coverage.js';
import type { RequirementRow } from './parse-requirements.js';

export const FIGURES_START = '<!-- figures:start -->';
export const FIGURES_END = '<!-- figures:end -->';

interface FigureCheck {
  id: string;
  suite: string;
  level: Level;
  requirements?: readonly string[];
}

/** The Markdown between the README markers. */
export function renderFigures(checks: readonly FigureCheck[], rows: readonly RequirementRow[]): string {
  const suites = new Set(checks.map((c) => c.suite)).size;
  const by = (l: Level): number => checks.filter((c) => c.level === l).length;
  const perRfc = coverage(rows, citations(checks));
  const lines = perRfc.map(
    (c) =>
      `| RFC ${c.rfc} | ${rows.filter((r) => r.rfc === c.rfc).length} | ${c.mustObservable} | ${c.mustCovered} | ` +
      `${percent(c.mustCovered, c.mustObservable)} |`,
  );
  const must = perRfc.reduce((n, c) => n + c.mustObservable, 0);
  const covered = perRfc.reduce((n, c) => n + c.mustCovered, 0);
  return [
    `**${checks.length} checks** in ${suites} suites (${by('MUST')} MUST, ${by('SHOULD')} SHOULD, ${by('MAY')} MAY).`,
    'Requirement coverage: the normative rows of docs/requirements/ that bind the server and a client can',
    'observe, and how many at least one check cites (`scimulator list requirements` names the checks, or why a',
    'row has none).',
    '',
    '| RFC | rows | client-observable MUST/SHALL | with a check | coverage |',
    '|---|---|---|---|---|',
    ...lines,
    `| all | ${rows.length} | ${must} | ${covered} | ${percent(covered, must)} |`,
  ].join('\n');
}

/** The README with its figures section replaced (unchanged when the markers are missing). */
export function withReadmeFigures(readme: string, figures: string): string {
  const from = readme.indexOf(FIGURES_START);
  const to = readme.indexOf(FIGURES_END);
  if (from < 0 || to < from) return readme;
  return `${readme.slice(0, from + FIGURES_START.length)}\n${figures}\n${readme.slice(to)}`;
}
