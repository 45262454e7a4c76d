/**
 * Shared text rendering of results and exchanges for the console and JUnit reporters.
 * @module
 */
import type { CheckResult, Exchange } from '../model/index.js';

/** `1 check`, `2 checks`: a count with its noun in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A run's length as people read it: `850 ms`, `12.4 s`, `3 min 5 s`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** `[MUST, RFC7644 3.3]`, or `[SHOULD]` for a check that cites no RFC section. */
export function levelTag(r: { level: string; rfc?: string | undefined }): string {
  return `[${[r.level, r.rfc].filter((part) => part !== undefined && part !== '').join(', ')}]`;
}

/** A value as it reads in a message: strings bare, everything else as compact JSON. */
export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `POST http://host/scim/v2/Users → 400 (12.3 ms)`. */
export function exchangeLine(exchange: Exchange): string {
  const outcome = exchange.error
    ? exchange.error.code
    : exchange.response
      ? String(exchange.response.status)
      : 'no response';
  return `${exchange.request.method} ${exchange.request.url} → ${outcome} (${exchange.ms} ms)`;
}

const MAX_BODY = 4_000;

function clip(body: string): string {
  return body.length > MAX_BODY
    ? `${body.slice(0, MAX_BODY)}… (${body.length - MAX_BODY} more characters)`
    : body;
}

/** The exchange as an HTTP transcript (headers and bodies, already redacted by the transport). */
export function exchangeText(exchange: Exchange): string {
  const lines = [`${exchange.request.method} ${exchange.request.url}`];
  for (const [name, value] of Object.entries(exchange.request.headers)) lines.push(`${name}: ${value}`);
  if (exchange.request.body !== undefined) lines.push('', clip(exchange.request.body));
  lines.push('');
  if (exchange.response) {
    lines.push(`HTTP ${exchange.response.status}`);
    for (const [name, value] of Object.entries(exchange.response.headers)) lines.push(`${name}: ${value}`);
    if (exchange.response.body !== undefined && exchange.response.body !== '')
      lines.push('', clip(exchange.response.body));
  }
  if (exchange.error) lines.push(`(${exchange.error.code}: ${exchange.error.message})`);
  lines.push(`(${exchange.ms} ms)`);
  return lines.join('\n');
}

/** The exchange that decided a result (`decisive`), else its last one (reports written before `decisive`). */
export function decisiveExchange(result: Pick<CheckResult, 'exchanges' | 'decisive'>): Exchange | undefined {
  const exchanges = result.exchanges ?? [];
  return (
    (result.decisive !== undefined ? exchanges[result.decisive] : undefined) ??
    exchanges[exchanges.length - 1]
  );
}

/**
 * Code, message, expected/actual, pointer, the decisive request, blocked-by and fix of a non-passing result,
 * one per line.
 */
export function resultDetail(result: CheckResult): string[] {
  const lines: string[] = [];
  lines.push(`${result.code ?? result.outcome.toUpperCase()}: ${result.message ?? ''}`.trimEnd());
  if (result.expected !== undefined || result.actual !== undefined) {
    lines.push(`expected: ${show(result.expected)}`, `actual:   ${show(result.actual)}`);
  }
  if (result.pointer !== undefined) lines.push(`at:       ${result.pointer || '/'}`);
  if (result.blockedBy !== undefined) lines.push(`blocked by: ${result.blockedBy}`);
  if (result.source && result.source.length > 0) lines.push(`source:   ${result.source.join(', ')}`);
  const decisive =
    result.outcome === 'fail' || result.outcome === 'error' ? decisiveExchange(result) : undefined;
  if (decisive) lines.push(`request:  ${exchangeLine(decisive)}`);
  if (result.fix !== undefined) lines.push(`fix:      ${result.fix}`);
  return lines;
}

/** A profile verdict as one phrase: `compatible`, `not compatible (3 failed)`, `not judged (reason)`. */
export function verdictPhrase(verdict: {
  judged?: boolean;
  reason?: string;
  compatible: boolean;
  failed: readonly string[];
}): string {
  if (verdict.judged === false) return `not judged (${verdict.reason ?? 'no decisive result'})`;
  return verdict.compatible ? 'compatible' : `not compatible (${verdict.failed.length} failed)`;
}
