/**
 * JUnit XML reporter: `<out>/scimulator-junit.xml`, one `<testsuite>` per suite and one `<testcase>`
 * per check, so any CI shows conformance like unit tests.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult } from '../model/index.js';
import { groupByCause } from '../runner/causes.js';
import type { Report } from '../runner/report.js';
import { exchangeText, levelTag, resultDetail } from './text.js';

export const JUNIT_REPORT_FILE = 'scimulator-junit.xml';

/** Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

const labelOf = (r: Pick<CheckResult, 'id' | 'profile'>) =>
  r.profile === 'rfc' ? r.id : `${r.id} [${r.profile}]`;

/** For each failure that is not its cause's root, and each blocked check: the root failure's label. */
function causeRoots(results: readonly CheckResult[]): Map<CheckResult, string> {
  const roots = new Map<CheckResult, string>();
  for (const cause of groupByCause(results).causes) {
    for (const r of cause.failed.slice(1)) roots.set(r, labelOf(cause.root));
    for (const r of cause.blocked) roots.set(r, labelOf(cause.root));
  }
  return roots;
}

function testcase(r: CheckResult, root: string | undefined): Record<string, unknown> {
  const node: Record<string, unknown> = {
    '@_classname': xmlSafe(r.suite),
    '@_name': xmlSafe(labelOf(r)),
    '@_time': seconds(r.ms),
  };
  const body = () =>
    xmlSafe(
      [
        `${r.title} ${levelTag(r)}`,
        ...(root ? [`same cause as ${root}`] : []),
        ...resultDetail(r),
        ...r.exchanges.map((e, i) => `\n--- exchange ${i + 1} ---\n${exchangeText(e)}`),
      ].join('\n'),
    );
  if (r.known) {
    node.skipped = {
      '@_message': xmlSafe(`known failure: ${[r.code, r.message].filter(Boolean).join(' ')}`),
    };
  } else if (r.outcome === 'fail') {
    node.failure = {
      '@_message': xmlSafe(r.message ?? ''),
      '@_type': xmlSafe(r.code ?? 'FAIL'),
      '#text': body(),
    };
  } else if (r.outcome === 'error') {
    node.error = {
      '@_message': xmlSafe(r.message ?? ''),
      '@_type': xmlSafe(r.code ?? 'ERROR'),
      '#text': body(),
    };
  } else if (r.outcome === 'skip') {
    node.skipped = { '@_message': xmlSafe(r.message ?? '') };
  } else if (r.outcome === 'blocked') {
    // JUnit has no "blocked": a skip that names the prerequisite, so the failure is counted once.
    node.skipped = {
      '@_message': xmlSafe(
        `blocked by ${r.blockedBy ?? 'a prerequisite'}${root && root !== r.blockedBy ? ` (cause: ${root})` : ''}`,
      ),
    };
  } else if (r.outcome === 'inconclusive') {
    node.skipped = { '@_message': xmlSafe(`inconclusive: ${r.message ?? ''}`.trimEnd()) };
  }
  return node;
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: Report): string {
  const roots = causeRoots(report.results);
  const bySuite = new Map<string, CheckResult[]>();
  for (const r of report.results) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  // Known failures (baseline) are reported as skipped, with their reason.
  const skipped = (r: CheckResult) =>
    r.known === true || r.outcome === 'skip' || r.outcome === 'blocked' || r.outcome === 'inconclusive';
  const count = (rs: CheckResult[], outcome: CheckResult['outcome']) =>
    String(rs.filter((r) => (outcome === 'skip' ? skipped(r) : !r.known && r.outcome === outcome)).length);
  const testsuite = [...bySuite].map(([name, rs]) => ({
    '@_name': xmlSafe(name),
    '@_tests': String(rs.length),
    '@_failures': count(rs, 'fail'),
    '@_errors': count(rs, 'error'),
    '@_skipped': count(rs, 'skip'),
    '@_time': seconds(rs.reduce((sum, r) => sum + r.ms, 0)),
    '@_timestamp': report.startedAt,
    testcase: rs.map((r) => testcase(r, roots.get(r))),
  }));
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  });
  const s = report.summary;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'scimulator',
      '@_tests': String(report.results.length),
      '@_failures': String(s.failed),
      '@_errors': String(s.errored),
      '@_skipped': String(s.skipped + (s.known ?? 0) + (s.blocked ?? 0) + (s.inconclusive ?? 0)),
      '@_time': seconds(report.durationMs),
      testsuite,
    },
  }) as string;
}

export async function writeJunitReport(report: Report, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, JUNIT_REPORT_FILE);
  await writeFile(file, renderJunit(report), 'utf8');
  return file;
}
