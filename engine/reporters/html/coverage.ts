/**
 * The report's requirement coverage section: per RFC and level, how many normative rows the run's checks cite,
 * and every row with a link to its RFC section (docs/requirements/*.md are the rows).
 * @module
 */
import type { CheckResult } from '../../model/index.js';
import {
  citations,
  coverage,
  percent,
  sectionUrl,
  type RequirementLevel,
  type RequirementRow,
} from '../../requirements/index.js';

type Escape = (value: unknown) => string;

const LEVELS: RequirementLevel[] = ['MUST', 'SHOULD', 'MAY', 'DEFINED'];

function rowHtml(row: RequirementRow, checks: readonly string[] | undefined, esc: Escape): string {
  const what =
    checks && checks.length > 0
      ? checks.map((id) => `<code>${esc(id)}</code>`).join(' ')
      : `<span class="note">${esc(row.reason ?? (row.observable === 'no' || row.client ? `not observable: ${row.howToCheck}` : 'no check in this run'))}</span>`;
  return (
    `<tr><td><a href="${esc(sectionUrl(row))}" rel="noreferrer"><code>${esc(row.id)}</code></a></td>` +
    `<td>${esc(row.client ? `${row.level} (client)` : row.level)}</td><td>${esc(row.observable)}</td>` +
    `<td>${esc(row.requirement)}</td><td class="ids">${what}</td></tr>`
  );
}

/** The coverage section, or '' when no checklist rows were given. */
export function coverageHtml(
  rows: readonly RequirementRow[],
  results: readonly CheckResult[],
  esc: Escape,
): string {
  if (rows.length === 0) return '';
  const cited = citations(results.map((r) => ({ id: r.id, requirements: r.requirements ?? [] })));
  const blocks = coverage(rows, cited).map((c) => {
    const levelRows = LEVELS.map((l) => {
      const cell = c.levels[l];
      return (
        `<tr><td>${l === 'DEFINED' ? 'no keyword' : l}</td><td class="num">${cell.rows}</td>` +
        `<td class="num">${cell.observable}</td><td class="num">${cell.covered}</td>` +
        `<td class="num">${esc(percent(cell.covered, cell.observable))}</td></tr>`
      );
    }).join('');
    const list = rows
      .filter((r) => r.rfc === c.rfc)
      .map((r) => rowHtml(r, cited.get(r.id), esc))
      .join('');
    return (
      `<h3 id="coverage-rfc${c.rfc}"><a href="https://www.rfc-editor.org/rfc/rfc${c.rfc}" rel="noreferrer">RFC ${c.rfc}</a>: ` +
      `${c.mustCovered} of ${c.mustObservable} client-observable MUST/SHALL rows checked ` +
      `(${esc(percent(c.mustCovered, c.mustObservable))})</h3>` +
      `<table class="suites"><thead><tr><th>level</th><th class="num">rows</th><th class="num">observable</th>` +
      `<th class="num">checked</th><th class="num">%</th></tr></thead><tbody>${levelRows}</tbody></table>` +
      `<details><summary>Every RFC ${c.rfc} row</summary><table class="verdicts"><thead><tr><th>row</th>` +
      `<th>level</th><th>observable</th><th>requirement</th><th>checks in this run (or why none)</th></tr></thead>` +
      `<tbody>${list}</tbody></table></details>`
    );
  });
  return `<section id="coverage">\n<h2>Requirement coverage</h2>\n${blocks.join('\n')}\n</section>`;
}
