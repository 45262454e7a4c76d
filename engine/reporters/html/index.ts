/**
 * HTML reporter: one self-contained page (`<out>/scimulator-report.html`) with inline CSS and JS, no
 * network, working from `file://`. A pure function of the report object, rendered on the server side:
 * every report string is HTML-escaped, and a Content-Security-Policy that allows only the page's own
 * inline style and script (by hash) keeps a hostile response body inert even if escaping were wrong.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import type { CheckResult, Exchange, Level, OutcomeKind } from '../../model/index.js';
import { groupByCause } from '../../runner/causes.js';
import type { Report } from '../../runner/report.js';
import { exchangeKey } from '../har/index.js';
import { loadRequirements, type RequirementRow } from '../../requirements/index.js';
import { cleanupCommand } from '../leftovers.js';
import { pacingLine } from '../pacing.js';
import { duration, exchangeLine } from '../text.js';
import { SCRIPT, STYLE } from './assets.js';
import { coverageHtml } from './coverage.js';

export const HTML_REPORT_FILE = 'scimulator-report.html';

/** What the HTML renderer reads of a report: the contract fields, tolerant of older JSON files. */
export type HtmlInput = Pick<
  Report,
  'tool' | 'target' | 'startedAt' | 'durationMs' | 'seed' | 'summary' | 'verdicts' | 'results'
> &
  Partial<Pick<Report, 'cleanup' | 'interrupted' | 'prefix' | 'strict' | 'pacing'>>;

/** A result as the renderer reads it: the check's explanation rides along when the runner adds it. */
type Result = CheckResult & { explanation?: string };

const OUTCOMES: readonly OutcomeKind[] = ['fail', 'error', 'blocked', 'inconclusive', 'pass', 'skip'];
const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  pass: 'pass',
  fail: 'fail',
  skip: 'skip',
  error: 'error',
  blocked: 'blocked',
  inconclusive: 'inconclusive',
};
const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];
/** Longest body shown per exchange; beyond it the page says how much was cut. */
const MAX_BODY = 200_000;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = escapeHtml;

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const CSP = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function formatMs(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms)
    ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
    : '';
}

function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? `${new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')}`
    : iso;
}

/** A value for a `<pre>`: strings as they are (pretty-printed when they hold JSON), everything else as JSON. */
function pretty(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return prettyBody(value).text;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function prettyBody(body: string): { text: string; json: boolean } {
  const clipped =
    body.length > MAX_BODY
      ? `${body.slice(0, MAX_BODY)}\n… (${body.length - MAX_BODY} more characters)`
      : body;
  const trimmed = body.trimStart();
  if (body.length <= MAX_BODY && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
    } catch {
      // not JSON after all: show it raw
    }
  }
  return { text: clipped, json: false };
}

function headersBlock(headers: Record<string, string> | undefined): string {
  const lines = Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return lines.length === 0
    ? '<p class="note">(no headers)</p>'
    : `<pre class="headers">${esc(lines.join('\n'))}</pre>`;
}

function bodyBlock(body: string | undefined): string {
  if (body === undefined || body === '') return '<p class="note">(no body)</p>';
  const { text, json } = prettyBody(body);
  return `<pre class="body${json ? ' json' : ''}">${esc(text)}</pre>`;
}

function statusClass(status: number): string {
  return `s${Math.min(5, Math.max(0, Math.floor(status / 100)))}`;
}

function exchangeHtml(exchange: Exchange): string {
  const req = exchange.request;
  const res = exchange.response;
  const outcome = res
    ? `<span class="http ${statusClass(res.status)}">${esc(res.status)} ${esc(STATUS_CODES[res.status] ?? '')}</span>`
    : `<span class="http s0">${esc(exchange.error?.code ?? 'NO RESPONSE')}</span>`;
  const error = exchange.error
    ? `<div class="terror"><b>Transport error ${esc(exchange.error.code)}</b>: ${esc(exchange.error.message)}</div>`
    : '';
  const response = res
    ? `<h4>Response ${esc(res.status)} ${esc(STATUS_CODES[res.status] ?? '')}</h4>${headersBlock(res.headers)}${bodyBlock(res.body)}`
    : `<h4>Response</h4><p class="note">No response was received.</p>`;
  return (
    `<details class="exchange">` +
    `<summary><span class="method">${esc(req.method)}</span> <span class="mono">${esc(req.url)}</span> → ${outcome} ` +
    `<span class="ms">${esc(formatMs(exchange.ms))}</span></summary>` +
    error +
    `<div class="xbody"><div><h4>Request ${esc(req.method)} ${esc(req.url)}</h4>${headersBlock(req.headers)}${bodyBlock(req.body)}</div>` +
    `<div>${response}</div></div></details>`
  );
}

/**
 * Every distinct exchange of the report (by content, as in the HAR), rendered once into a `<template>`;
 * a result refers to its exchanges by number and the page's script clones them in when the result opens.
 */
class ExchangeStore {
  private readonly numbers = new Map<string, number>();
  private readonly rendered: string[] = [];

  /** The number of the exchange's template, rendering it on first sight. */
  ref(exchange: Exchange): number {
    const key = exchangeKey(exchange);
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.rendered.length;
      this.numbers.set(key, n);
      this.rendered.push(exchangeHtml(exchange));
    }
    return n;
  }

  html(): string {
    return this.rendered.map((x, n) => `<template id="x-${n}">${x}</template>`).join('\n');
  }
}

function anchorIds(results: readonly Result[]): string[] {
  const used = new Set<string>();
  return results.map((r) => {
    const clean = (s: string) => s.replace(/[^A-Za-z0-9._:-]+/g, '_');
    const base = used.has(`r-${clean(r.id)}`) ? `r-${clean(r.id)}--${clean(r.profile)}` : `r-${clean(r.id)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

function resultHtml(r: Result, anchor: string, store: ExchangeStore): string {
  const failing = r.outcome === 'fail' || r.outcome === 'error';
  const search = [r.id, r.title, r.message ?? '', r.code ?? ''].join(' ').toLowerCase();
  const parts: string[] = [];
  if (r.explanation) parts.push(`<p class="explanation">${esc(r.explanation)}</p>`);
  if (r.outcome !== 'pass' || r.message) {
    const code =
      r.code ?? (r.outcome === 'skip' ? 'SKIPPED' : r.outcome === 'pass' ? '' : r.outcome.toUpperCase());
    parts.push(
      `<div class="reason">${code ? `<code>${esc(code)}</code>` : ''}${esc(r.message ?? (r.outcome === 'pass' ? '' : 'no reason given'))}` +
        `${r.known ? ' <span class="note">(known failure, in the baseline)</span>' : ''}</div>`,
    );
  }
  if (r.expected !== undefined || r.actual !== undefined) {
    parts.push(
      `<div class="ea"><div><h3>Expected</h3><pre class="expected">${esc(pretty(r.expected))}</pre></div>` +
        `<div><h3>Actual</h3><pre class="actual">${esc(pretty(r.actual))}</pre></div></div>`,
    );
  }
  if (r.pointer !== undefined)
    parts.push(`<p>At <code>${esc(r.pointer || '/')}</code> in the response body.</p>`);
  if (r.blockedBy !== undefined)
    parts.push(`<p class="blocked-by">Blocked by <code>${esc(r.blockedBy)}</code>.</p>`);
  if (r.fix !== undefined) parts.push(`<p class="fix"><b>Fix:</b> ${esc(r.fix)}</p>`);
  const exchanges = r.exchanges ?? [];
  const decisive =
    failing || r.outcome === 'inconclusive'
      ? (r.decisive ?? (exchanges.length > 0 ? exchanges.length - 1 : undefined))
      : undefined;
  const decisiveExchange = decisive !== undefined ? exchanges[decisive] : undefined;
  if (decisiveExchange) {
    parts.push(
      `<p class="decided">Decided by exchange ${(decisive ?? 0) + 1} of ${exchanges.length}: <code>${esc(exchangeLine(decisiveExchange))}</code>` +
        `${exchanges.length > 1 ? ' <button type="button" class="linkish" data-show-decisive>show it</button>' : ''}</p>`,
    );
  }
  if (exchanges.length > 0) {
    const openAll = failing && exchanges.length <= 2;
    // `n+` is template n, shown expanded (a failing result's exchanges when there are few, or a transport
    // error); `n*` is the exchange that decided the result, expanded and marked.
    const refs = exchanges.map((x, i) =>
      i === decisive
        ? `${store.ref(x)}*`
        : `${store.ref(x)}${openAll || (failing && x.error !== undefined) ? '+' : ''}`,
    );
    parts.push(
      `<h3>Exchanges (${exchanges.length})</h3><div class="xrefs" data-x="${refs.join(' ')}"></div>`,
    );
  } else if (r.outcome !== 'skip') {
    parts.push('<p class="note">No HTTP exchange was recorded for this check.</p>');
  }
  return (
    `<details class="result ${esc(r.outcome)}" id="${esc(anchor)}" data-outcome="${esc(r.outcome)}" ` +
    `data-level="${esc(r.level)}" data-suite="${esc(r.suite)}" data-profile="${esc(r.profile)}" data-search="${esc(search)}"` +
    `${failing ? ' open' : ''}>` +
    `<summary><span class="badge ${esc(r.outcome)}">${esc(OUTCOME_LABEL[r.outcome] ?? r.outcome)}</span>` +
    `<span class="lvl ${esc(r.level)}">${esc(r.level)}</span>` +
    `<code class="rid">${esc(r.id)}</code><span class="title">${esc(r.title)}</span>` +
    `<span class="where">${esc(r.suite)} · ${esc(r.profile)} · ${esc([r.rfc, ...(r.source ?? [])].join(' · '))}${r.ms !== undefined ? ` · ${esc(formatMs(r.ms))}` : ''}</span></summary>` +
    `<div class="rbody">${parts.join('')}</div></details>`
  );
}

function options(values: Iterable<string>, all: string): string {
  return [
    `<option value="">${esc(all)}</option>`,
    ...[...values].map((v) => `<option value="${esc(v)}">${esc(v)}</option>`),
  ].join('');
}

/** The report as one self-contained HTML document. */
export function renderHtml(report: HtmlInput, requirements: readonly RequirementRow[] = []): string {
  const results = report.results as Result[];
  const anchors = anchorIds(results);
  const store = new ExchangeStore();
  const resultsHtml = results.map((r, i) => resultHtml(r, anchors[i] ?? `r-${i}`, store)).join('\n');
  const verdicts = Object.entries(report.verdicts);
  const judged = verdicts.filter(([, v]) => v.judged !== false);
  const incompatible = judged.filter(([, v]) => !v.compatible).map(([name]) => name);
  const notJudged = verdicts.length - judged.length;
  const suites = [...new Set(results.map((r) => r.suite))];
  const profiles = [...new Set(results.map((r) => r.profile))];
  const s = report.summary;
  const total = s.passed + s.failed + s.skipped + s.errored + (s.blocked ?? 0) + (s.inconclusive ?? 0);

  /** The anchor of a check id, preferring the result that ran in the given profile. */
  const anchorOf = (id: string, profile: string): string | undefined => {
    let first: string | undefined;
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r?.id !== id) continue;
      if (r.profile === profile) return anchors[i];
      first ??= anchors[i];
    }
    return first;
  };

  const unjudged = notJudged > 0 ? ` <span class="note">(${notJudged} not judged)</span>` : '';
  const statusLine =
    (incompatible.length > 0
      ? `<span class="status bad">Incompatible with ${esc(incompatible.join(', '))}</span>`
      : judged.length === 0
        ? `<span class="status">No profile judged</span>`
        : `<span class="status ok">Compatible with ${judged.length > 3 ? `all ${judged.length} judged profiles` : esc(judged.map(([name]) => name).join(', '))}</span>`) +
    unjudged;

  const link = (r: Result): string => {
    const a = anchorOf(r.id, r.profile);
    const text = `<code>${esc(r.id)}</code>${r.profile !== 'rfc' ? ` <span class="note">[${esc(r.profile)}]</span>` : ''}`;
    return a ? `<a href="#${esc(a)}">${text}</a>` : text;
  };
  const causes = groupByCause(results).causes;
  const failedCount = causes.reduce((n, cause) => n + cause.failed.length, 0);
  const causeItems = causes
    .map((cause) => {
      const r = cause.root;
      const x = r.decisive !== undefined ? r.exchanges?.[r.decisive] : r.exchanges?.[r.exchanges.length - 1];
      const others = [
        ...cause.failed.slice(1).map((o) => `<li>${link(o)} failed on the same request</li>`),
        ...cause.blocked.map(
          (o) => `<li>${link(o)} blocked by <code>${esc(o.blockedBy ?? r.id)}</code></li>`,
        ),
      ];
      return (
        `<div class="cause"><div><span class="badge ${esc(r.outcome)}">${esc(r.outcome)}</span> ` +
        `<span class="lvl ${esc(r.level)}">${esc(r.level)}</span> ${link(r)} <code>${esc(r.code ?? '')}</code>` +
        `${r.known ? ' <span class="note">(known failure, in the baseline)</span>' : ''}</div>` +
        `<div class="reason">${esc(r.message ?? '')}</div>` +
        (r.expected !== undefined || r.actual !== undefined
          ? `<div class="note">expected ${esc(pretty(r.expected))} · actual ${esc(pretty(r.actual))}</div>`
          : '') +
        (x ? `<div class="mono">${esc(exchangeLine(x))}</div>` : '') +
        (r.fix !== undefined ? `<p class="fix"><b>Fix:</b> ${esc(r.fix)}</p>` : '') +
        (others.length > 0 ? `<ul>${others.join('')}</ul>` : '') +
        `</div>`
      );
    })
    .join('\n');
  const causesSection =
    causes.length > 0
      ? `<section id="causes"><h2>Failures by cause (${failedCount} failed checks, ${causes.length} causes)</h2>` +
        `<div class="causes">${causeItems}</div></section>`
      : '';

  const verdictRows = verdicts
    .map(([name, v]) => {
      const links = v.failed
        .map((id) => {
          const a = anchorOf(id, name);
          return a ? `<a href="#${esc(a)}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`;
        })
        .join(' ');
      if (v.judged === false)
        return (
          `<tr><td><b>${esc(name)}</b></td><td><span class="badge unjudged">not judged</span></td>` +
          `<td class="num"></td><td class="ids"><span class="note">${esc(v.reason ?? 'no decisive result')}</span></td></tr>`
        );
      return (
        `<tr><td><b>${esc(name)}</b></td><td><span class="badge ${v.compatible ? 'pass' : 'fail'}">` +
        `${v.compatible ? 'compatible' : 'incompatible'}</span></td><td class="num">${v.failed.length}</td>` +
        `<td class="ids">${links || '<span class="note">none</span>'}</td></tr>`
      );
    })
    .join('');

  const suiteRows = suites
    .map((suite) => {
      const c = { pass: 0, fail: 0, skip: 0, error: 0 };
      for (const r of results) if (r.suite === suite && r.outcome in c) c[r.outcome as keyof typeof c]++;
      return (
        `<tr><td><button type="button" class="linkish" data-pick-suite="${esc(suite)}">${esc(suite)}</button></td>` +
        `<td class="num">${c.pass}</td><td class="num">${c.fail}</td><td class="num">${c.skip}</td><td class="num">${c.error}</td></tr>`
      );
    })
    .join('');

  const outcomeCount: Record<OutcomeKind, number> = {
    pass: s.passed,
    fail: s.failed,
    skip: s.skipped,
    error: s.errored,
    blocked: s.blocked ?? 0,
    inconclusive: s.inconclusive ?? 0,
  };
  const outcomeBoxes = OUTCOMES.map(
    (o) =>
      `<label><input type="checkbox" name="outcome" value="${o}" checked> <span class="badge ${o}">${o}</span> ` +
      `<span class="count" data-count-outcome="${o}">${outcomeCount[o]}</span></label>`,
  ).join('');
  const levelBoxes = LEVELS.map(
    (l) =>
      `<label><input type="checkbox" name="level" value="${l}" checked> <span class="lvl ${l}">${l}</span> ` +
      `<span class="count" data-count-level="${l}">${results.filter((r) => r.level === l).length}</span></label>`,
  ).join('');

  const warnings: string[] = [];
  if (report.interrupted) {
    warnings.push(
      `<div class="warn">The run was interrupted (${esc(report.interrupted)}); later checks were skipped.</div>`,
    );
  }
  if (report.pacing) warnings.push(`<div class="note pacing">${esc(pacingLine(report.pacing))}</div>`);
  const cleanup = report.cleanup ?? [];
  if (cleanup.length > 0) {
    const items = cleanup
      .map(
        (c) =>
          `<li>${c.resourceType ? `${esc(c.resourceType)} ` : ''}${c.name !== undefined || c.id !== undefined ? `<strong>${esc(c.name ?? c.id)}</strong> ` : ''}<code>${esc(c.path)}</code>${c.status !== undefined ? ` (HTTP ${esc(c.status)})` : ''}: ${esc(c.message)}</li>`,
      )
      .join('');
    warnings.push(
      `<div class="warn leftovers">${cleanup.length} resource(s) the run created are left on the target:<ul>${items}</ul>Remove them with <code>${esc(cleanupCommand(report))}</code></div>`,
    );
  }

  const title = `scimulator report: ${report.target}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<div>
<h1>scimulator report</h1>
${statusLine}
<div class="cards">
<div class="card"><b>${total}</b><span>checks</span></div>
<div class="card pass"><b>${s.passed}</b><span>passed</span></div>
<div class="card fail"><b>${s.failed}</b><span>failed</span></div>
<div class="card skip"><b>${s.skipped}</b><span>skipped</span></div>
<div class="card error"><b>${s.errored}</b><span>errored</span></div>
<div class="card skip"><b>${s.blocked ?? 0}</b><span>blocked</span></div>
<div class="card skip"><b>${s.inconclusive ?? 0}</b><span>inconclusive</span></div>
${s.causes !== undefined ? `<div class="card fail"><b>${s.causes}</b><span>causes</span></div>` : ''}
</div>
${report.strict ? '<p class="note">Levels are the --strict levels.</p>' : ''}
</div>
<dl class="meta">
<dt>Target</dt><dd class="mono">${esc(report.target)}</dd>
<dt>Started</dt><dd>${esc(formatDate(report.startedAt))}</dd>
<dt>Duration</dt><dd>${esc(duration(report.durationMs))}</dd>
<dt>Seed</dt><dd class="mono">${esc(report.seed)}</dd>
<dt>Tool</dt><dd>${esc(report.tool.name)} ${esc(report.tool.version)}</dd>
</dl>
</header>
<noscript><div class="warn">The HTTP exchanges under each result are shown by the page's own script; allow it to see them.</div></noscript>
${warnings.join('\n')}
${causesSection}
<div class="grid2">
<section>
<h2>Verdicts</h2>
<table class="verdicts"><thead><tr><th>profile</th><th>verdict</th><th class="num">failed</th><th>failed checks</th></tr></thead>
<tbody>${verdictRows}</tbody></table>
</section>
<section>
<h2>Suites</h2>
<table class="suites"><thead><tr><th>suite</th><th class="num">passed</th><th class="num">failed</th><th class="num">skipped</th><th class="num">errored</th></tr></thead>
<tbody>${suiteRows}</tbody></table>
</section>
</div>
${coverageHtml(requirements, results, esc)}
<h2 id="results">Results</h2>
<div class="filters" id="filters" role="search">
<fieldset><legend>Outcome</legend>${outcomeBoxes}</fieldset>
<fieldset><legend>Level</legend>${levelBoxes}</fieldset>
<label>Suite <select id="f-suite">${options(suites, 'all suites')}</select></label>
<label>Profile <select id="f-profile">${options(profiles, 'all profiles')}</select></label>
<input type="search" id="f-text" placeholder="Search id, title, message" aria-label="Search id, title, message">
<button type="button" id="f-reset">Reset</button>
<span id="f-status">Showing ${results.length} of ${results.length} results</span>
</div>
<main>
${resultsHtml}
<p class="empty" id="f-empty"${results.length === 0 ? '' : ' hidden'}>No results match the filters.</p>
</main>
<div id="x-store" hidden>
${store.html()}
</div>
<footer>Generated by ${esc(report.tool.name)} ${esc(report.tool.version)}. Secrets are redacted by the transport before they reach this report.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The shipped checklists, or none when they cannot be read (the report then has no coverage section). */
function shippedRequirements(): RequirementRow[] {
  try {
    return loadRequirements();
  } catch {
    return [];
  }
}

/** Writes `<outDir>/scimulator-report.html` and returns its path. */
export async function writeHtmlReport(report: HtmlInput, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, HTML_REPORT_FILE);
  await writeFile(file, renderHtml(report, shippedRequirements()), 'utf8');
  return file;
}
