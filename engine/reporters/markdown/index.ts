/**
 * Markdown reporter: a concise summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`
 * (`<out>/scimulator-report.md`). A pure function of the report object.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Level } from '../../model/index.js';
import { groupByCause } from '../../runner/causes.js';
import type { Report } from '../../runner/report.js';
import { cleanupCommand } from '../leftovers.js';
import { pacingLine } from '../pacing.js';
import { decisiveExchange, duration, verdictPhrase } from '../text.js';

export const MARKDOWN_REPORT_FILE = 'scimulator-report.md';

export interface MarkdownOptions {
  /** Link target for the full HTML report (relative to where the Markdown is shown, or a URL). */
  htmlReportPath?: string;
  /** Most failed checks listed before "and N more"; default 50. */
  maxFailures?: number;
}

/** What the Markdown renderer reads of a report: the contract fields, tolerant of older JSON files. */
export type MarkdownInput = Pick<
  Report,
  'tool' | 'target' | 'startedAt' | 'durationMs' | 'seed' | 'summary' | 'verdicts' | 'results'
> &
  Partial<Pick<Report, 'cleanup' | 'interrupted' | 'prefix' | 'strict' | 'pacing'>>;

const LEVEL_ORDER: Record<Level, number> = { MUST: 0, SHOULD: 1, MAY: 2 };
const MAX_REASON = 200;

/**
 * Text safe inside a GFM table cell: one line, `|` escaped, HTML and Markdown markup neutralised
 * (a hostile server's message must not turn into links, images or tags in a PR comment).
 */
export function mdCell(text: string, max = MAX_REASON): string {
  let one = text.replace(/\s+/g, ' ').trim();
  if (one.length > max) one = `${one.slice(0, max - 1)}…`;
  return one
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|!#~])/g, '\\$1');
}

/** An identifier in a code span; backticks (never in real ids) are dropped, `|` escaped for tables. */
function code(text: string): string {
  const clean = text.replace(/[`\r\n]/g, '').replace(/\|/g, '\\|');
  return clean === '' ? '' : `\`${clean}\``;
}

function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : iso;
}

function reason(result: CheckResult): string {
  const text =
    result.message?.trim() || (result.outcome === 'error' ? 'errored without a message' : 'no reason given');
  return mdCell(text);
}

function linkTarget(path: string): string {
  return encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The run as GitHub-flavoured Markdown. */
export function renderMarkdown(report: MarkdownInput, options: MarkdownOptions = {}): string {
  const max = Math.max(0, options.maxFailures ?? 50);
  const verdicts = Object.entries(report.verdicts);
  const judged = verdicts.filter(([, v]) => v.judged !== false);
  const incompatible = judged.filter(([, v]) => !v.compatible);
  const status = incompatible.length === 0 ? 'PASSED' : 'FAILED';
  const lines: string[] = [];

  const notJudged = verdicts.length - judged.length;
  const headline =
    (incompatible.length === 0
      ? judged.length === 0
        ? 'no profile judged'
        : `compatible with ${judged.length > 3 ? `all ${judged.length} judged profiles` : judged.map(([name]) => name).join(', ')}`
      : `incompatible with ${incompatible.map(([name]) => name).join(', ')}`) +
    (notJudged > 0 ? `; ${notJudged} not judged` : '');
  lines.push(`## scimulator: ${status} (${mdCell(headline)})`, '');
  lines.push(
    `Target ${code(report.target)} · started ${mdCell(formatDate(report.startedAt))} · ${duration(report.durationMs)} · ` +
      `seed ${report.seed} · scimulator ${mdCell(report.tool.version)}`,
  );
  if (report.interrupted)
    lines.push('', `**Run interrupted (${mdCell(report.interrupted)})**: later checks were skipped.`);
  if (report.strict) lines.push('', 'Levels are the `--strict` levels.');
  if (report.pacing) lines.push('', mdCell(pacingLine(report.pacing)));
  lines.push('');

  const profiles = new Set(report.results.map((r) => r.profile));
  const idOf = (r: CheckResult) => (profiles.size > 1 ? `${code(r.id)} (${mdCell(r.profile)})` : code(r.id));
  const { causes } = groupByCause(report.results);
  const ordered = causes
    .map((cause, i) => ({ cause, i }))
    .sort(
      (a, b) => (LEVEL_ORDER[a.cause.root.level] ?? 3) - (LEVEL_ORDER[b.cause.root.level] ?? 3) || a.i - b.i,
    )
    .map(({ cause }) => cause);
  const failedCount = causes.reduce((n, cause) => n + cause.failed.length, 0);
  if (ordered.length > 0) {
    lines.push(`### Failures by cause (${failedCount} failed checks, ${ordered.length} causes)`, '');
    lines.push('| level | cause | code | reason | fix | also |', '|---|---|---|---|---|---|');
    for (const cause of ordered.slice(0, max)) {
      const r = cause.root;
      const c = code(r.code ?? (r.outcome === 'error' ? 'ERROR' : 'FAIL'));
      const known = r.known ? ' (known, in baseline)' : '';
      const exchange = decisiveExchange(r);
      const request = exchange
        ? ` (${mdCell(`${exchange.request.method} ${exchange.request.url} → ${exchange.response?.status ?? exchange.error?.code ?? 'no response'}`)})`
        : '';
      const also = [
        ...cause.failed.slice(1).map((x) => `${idOf(x)} failed`),
        ...cause.blocked.map((x) => `${idOf(x)} blocked`),
      ];
      lines.push(
        `| ${r.level} | ${idOf(r)} | ${c} | ${reason(r)}${request}${known} | ${mdCell(r.fix ?? '')} | ${also.join(', ') || ''} |`,
      );
    }
    if (ordered.length > max) lines.push('', `…and ${ordered.length - max} more causes.`);
    lines.push('');
  }

  lines.push('| profile | verdict | failed |', '|---|---|---:|');
  for (const [name, v] of verdicts)
    lines.push(
      `| ${mdCell(name)} | ${mdCell(v.judged === false ? verdictPhrase(v) : v.compatible ? 'compatible' : 'not compatible')} | ${v.failed.length} |`,
    );
  lines.push('');

  const s = report.summary;
  lines.push(
    '| passed | failed | causes | skipped | errored | blocked | inconclusive |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  );
  lines.push(
    `| ${s.passed} | ${s.failed} | ${s.causes ?? ''} | ${s.skipped} | ${s.errored} | ${s.blocked ?? 0} | ${s.inconclusive ?? 0} |`,
    '',
  );

  const cleanup = report.cleanup ?? [];
  if (cleanup.length > 0) {
    lines.push(`Cleanup left ${cleanup.length} resource${cleanup.length === 1 ? '' : 's'} behind:`, '');
    for (const issue of cleanup.slice(0, 10)) {
      const what = [issue.resourceType, issue.name ?? issue.id].filter(Boolean).join(' ');
      lines.push(`- ${what ? `${mdCell(what)} ` : ''}${code(issue.path)}: ${mdCell(issue.message)}`);
    }
    if (cleanup.length > 10) lines.push(`- …and ${cleanup.length - 10} more`);
    lines.push('', `Remove them with ${code(cleanupCommand(report))}.`, '');
  }

  if (options.htmlReportPath) {
    lines.push(
      `Full report with every request and response: [HTML report](${linkTarget(options.htmlReportPath)})`,
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Writes `<outDir>/scimulator-report.md` and returns its path (also fit to append to `$GITHUB_STEP_SUMMARY`). */
export async function writeMarkdownReport(
  report: MarkdownInput,
  outDir: string,
  options: MarkdownOptions = {},
): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, MARKDOWN_REPORT_FILE);
  await writeFile(file, renderMarkdown(report, options), 'utf8');
  return file;
}
