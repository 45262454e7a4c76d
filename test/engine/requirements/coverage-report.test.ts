import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import { renderHtml, writeHtmlReport } from '../../../engine/reporters/index.js';
import { loadRequirements } from '../../../engine/requirements/index.js';
import { fixtureReport } from '../reporters/fixture.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

test('list requirements prints every row of the three RFCs, its checks or why none, and the coverage', async () => {
  const { code, stdout } = await cli(['list', 'requirements']);
  expect(code).toBe(0);
  const rows = loadRequirements();
  for (const row of rows) expect(stdout).toContain(row.id);
  expect(stdout).toMatch(/^9865-2-f .*pagination-cursor\.first-page\.next-cursor/m);
  expect(stdout).toMatch(/^9865-5\.2-a .*not observable: Needs a second actor/m);
  expect(stdout).toMatch(/^7644-7\.2-a .*not covered: TLS/m);
  for (const rfc of [7643, 7644, 9865])
    expect(stdout).toMatch(
      new RegExp(`RFC ${rfc}: \\d+ of \\d+ client-observable MUST/SHALL rows have a check \\(\\d+\\.\\d%\\)`),
    );
  expect(stdout).not.toContain('NO CHECK YET');
});

test('the HTML report has a coverage section per RFC with links to each section', async () => {
  const rows = loadRequirements();
  const report = fixtureReport();
  const html = renderHtml(report, rows);
  expect(html).toContain('<h2>Requirement coverage</h2>');
  for (const rfc of [7643, 7644, 9865]) expect(html).toContain(`id="coverage-rfc${rfc}"`);
  expect(html).toContain('href="https://www.rfc-editor.org/rfc/rfc9865#section-2.1"');
  expect(html).toMatch(/RFC 9865<\/a>: 0 of \d+ client-observable MUST\/SHALL rows checked \(0\.0%\)/);
  expect(renderHtml(report)).not.toContain('Requirement coverage');

  const dir = await mkdtemp(join(tmpdir(), 'scimulator-coverage-'));
  try {
    const file = await writeHtmlReport(report, dir);
    expect(await readFile(file, 'utf8')).toContain('id="coverage-rfc7644"');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
