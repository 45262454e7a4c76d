import { describe, expect, it } from 'vitest';
import { mdCell, renderMarkdown } from '../../../engine/reporters/markdown/index.js';
import { summarise } from '../../../engine/runner/report.js';
import { fixtureReport } from './fixture.js';

/** The data rows of the failures-by-cause table (after its header and separator). */
function failedRows(md: string): string[] {
  const lines = md.split('\n');
  const header = lines.indexOf('| level | cause | code | reason | fix | also |');
  if (header < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** Splits a GFM table row into cells, honouring `\|` escapes. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixtureReport(), { htmlReportPath: 'reports/scimulator-report.html' });

  it('opens with an emoji-free status line and the run facts', () => {
    const [title, , facts] = md.split('\n');
    expect(title).toBe('## scimulator: FAILED (incompatible with rfc, okta)');
    expect(title).toMatch(/^[\x20-\x7e]+$/);
    expect(facts).toContain('`http://127.0.0.1:8080/scim/v2`');
    expect(facts).toContain('seed 42');
    expect(facts).toContain('started 2026-11-28 10:00:00 UTC');
    expect(facts).toContain('10.4 s');
  });

  it('has a verdict table and a summary table', () => {
    expect(md).toContain('| profile | verdict | failed |');
    expect(md).toContain('| rfc | not compatible | 2 |');
    expect(md).toContain('| entra-id | compatible | 0 |');
    expect(md).toContain('| okta | not compatible | 1 |');
    expect(md).toContain(
      '| passed | failed | causes | skipped | errored | blocked | inconclusive |\n|---:|---:|---:|---:|---:|---:|---:|\n| 3 | 4 | 5 | 1 | 1 | 0 | 0 |',
    );
    // Failures come first, before the verdict table.
    expect(md.indexOf('### Failures by cause')).toBeLessThan(md.indexOf('| profile | verdict | failed |'));
  });

  it('lists failed and errored checks MUST first, one line each, with | and newlines escaped', () => {
    const rows = failedRows(md);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => cells(r)[0])).toEqual(['MUST', 'MUST', 'MUST', 'SHOULD', 'MAY']);
    for (const row of rows) expect(cells(row)).toHaveLength(6);
    const location = rows.find((r) => r.includes('users.post.location-header'));
    expect(location).toContain('no Location header \\| the client cannot find the new user. Second line.');
    expect(rows.find((r) => r.includes('lifecycle.user.deactivate'))).toContain('(okta)');
    expect(rows.find((r) => r.includes('filter.eq.unknown-user-empty'))).toContain('`TARGET_TIMEOUT`');
  });

  it('neutralises HTML from a hostile server', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
  });

  it('links the HTML report only when its path is given', () => {
    expect(md).toContain('[HTML report](reports/scimulator-report.html)');
    expect(renderMarkdown(fixtureReport())).not.toContain('HTML report');
    expect(renderMarkdown(fixtureReport(), { htmlReportPath: 'my report (1).html' })).toContain(
      '(my%20report%20%281%29.html)',
    );
  });

  it('mentions cleanup leftovers', () => {
    expect(md).toContain('Cleanup left 1 resource behind');
  });

  it('caps the failed table at 50 rows and says how many more', () => {
    const report = fixtureReport();
    const template = report.results.find((r) => r.outcome === 'fail');
    if (!template) throw new Error('fixture has no failure');
    report.results = Array.from({ length: 73 }, (_, i) => ({
      ...template,
      id: `bulk.check-${i}`,
      level: i % 3 === 0 ? 'MAY' : 'MUST',
    }));
    report.summary = summarise(report.results);
    const out = renderMarkdown(report);
    const rows = failedRows(out);
    expect(rows).toHaveLength(50);
    // 48 MUST (i % 3 !== 0) come before the 25 MAY ones, of which 2 make the cut.
    expect(rows.filter((r) => r.startsWith('| MUST ')).length).toBe(48);
    expect(rows.slice(48).every((r) => r.startsWith('| MAY '))).toBe(true);
    expect(out).toContain('…and 23 more causes.');
    expect(out).toContain('### Failures by cause (73 failed checks, 73 causes)');
  });

  it('says PASSED and lists no failures on a clean run', () => {
    const report = fixtureReport();
    report.results = report.results.filter((r) => r.outcome === 'pass');
    report.summary = summarise(report.results);
    for (const v of Object.values(report.verdicts)) {
      v.compatible = true;
      v.failed = [];
    }
    report.cleanup = [];
    const out = renderMarkdown(report);
    expect(out.split('\n')[0]).toBe('## scimulator: PASSED (compatible with rfc, entra-id, okta)');
    expect(out).not.toContain('Failures by cause');
  });

  it('says when the levels are the --strict ones', () => {
    expect(md).not.toContain('--strict');
    expect(renderMarkdown({ ...fixtureReport(), strict: true })).toContain(
      'Levels are the `--strict` levels.',
    );
  });

  it('mdCell keeps a cell on one line and escapes markup', () => {
    expect(mdCell('a|b\nc\r\nd')).toBe('a\\|b c d');
    expect(mdCell('[x](http://evil) ![i](y) *b* _i_ `c`')).toBe(
      '\\[x\\](http://evil) \\!\\[i\\](y) \\*b\\* \\_i\\_ \\`c\\`',
    );
    expect(mdCell('x'.repeat(500))).toHaveLength(200);
  });
});
