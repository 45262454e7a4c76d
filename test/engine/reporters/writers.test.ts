import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAR_REPORT_FILE, writeHar } from '../../../engine/reporters/har/index.js';
import { HTML_REPORT_FILE, writeHtmlReport } from '../../../engine/reporters/html/index.js';
import { MARKDOWN_REPORT_FILE, writeMarkdownReport } from '../../../engine/reporters/markdown/index.js';
import { fixtureReport } from './fixture.js';

describe('report writers', () => {
  it('write the contract file names into a fresh out dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimulator-writers-'));
    try {
      const out = join(dir, 'nested', 'out');
      const report = fixtureReport();
      expect(await writeHtmlReport(report, out)).toBe(join(out, 'scimulator-report.html'));
      expect(await writeMarkdownReport(report, out, { htmlReportPath: HTML_REPORT_FILE })).toBe(
        join(out, 'scimulator-report.md'),
      );
      expect(await writeHar(report, out)).toBe(join(out, 'scimulator.har'));
      expect(await readFile(join(out, HTML_REPORT_FILE), 'utf8')).toMatch(/^<!doctype html>/);
      expect(await readFile(join(out, MARKDOWN_REPORT_FILE), 'utf8')).toContain('(scimulator-report.html)');
      const har = JSON.parse(await readFile(join(out, HAR_REPORT_FILE), 'utf8')) as {
        log: { version: string };
      };
      expect(har.log.version).toBe('1.2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
