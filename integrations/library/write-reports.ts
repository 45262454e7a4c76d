/**
 * Report files of a run, as `--report` and `--out` write them.
 * @module
 */
import { appendFile } from 'node:fs/promises';
import { HarnessError } from '../../engine/errors.js';
import {
  HTML_REPORT_FILE,
  renderMarkdown,
  writeHar,
  writeHtmlReport,
  writeJsonReport,
  writeJunitReport,
  writeMarkdownReport,
} from '../../engine/reporters/index.js';
import type { Report } from '../../engine/runner/index.js';

/** Reporter names of `--report`. */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'html', 'md', 'har'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function checkReporters(names: readonly string[]): ReporterName[] {
  for (const name of names) {
    if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
      throw new HarnessError('USAGE', `unknown reporter "${name}" (available: ${REPORTER_NAMES.join(', ')})`);
    }
  }
  return names as ReporterName[];
}

/**
 * Writes the file reporters among `reporters` to `out` and returns the paths written. With `md` and a
 * `githubStepSummary` file, the markdown summary is also appended there.
 */
export async function writeReports(
  report: Report,
  reporters: readonly ReporterName[],
  out: string,
  githubStepSummary?: string,
): Promise<string[]> {
  const written: string[] = [];
  if (reporters.includes('json')) written.push(await writeJsonReport(report, out));
  if (reporters.includes('junit')) written.push(await writeJunitReport(report, out));
  if (reporters.includes('html')) written.push(await writeHtmlReport(report, out));
  const htmlLink = reporters.includes('html') ? { htmlReportPath: HTML_REPORT_FILE } : {};
  if (reporters.includes('md')) written.push(await writeMarkdownReport(report, out, htmlLink));
  if (reporters.includes('har')) written.push(await writeHar(report, out));
  if (reporters.includes('md') && githubStepSummary)
    await appendFile(githubStepSummary, renderMarkdown(report, htmlLink));
  return written;
}
