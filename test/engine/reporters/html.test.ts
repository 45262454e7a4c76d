import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../../engine/reporters/html/index.js';
import { fixtureReport } from './fixture.js';

describe('renderHtml (static)', () => {
  const html = renderHtml(fixtureReport());

  it("shows a check's source beside its RFC section", () => {
    expect(html).toContain('RFC7644 3.5.2 · docs/idp/okta.md#deactivation');
  });

  it('is one document with exactly the page’s own style and script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    expect(html.match(/<style\b/gi)).toHaveLength(1);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/,
    );
  });

  it('references nothing outside the file', () => {
    expect(html).not.toMatch(/\b(src|href)="(?!#|data:)/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('escapes the hostile body wherever it appears', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows the run facts, the verdicts with links and the suites', () => {
    expect(html).toContain('http://127.0.0.1:8080/scim/v2');
    expect(html).toContain('2026-11-28 10:00:00 UTC');
    expect(html).toContain('10.4 s');
    expect(html).toContain('Incompatible with rfc, okta');
    expect(html).toContain('href="#r-users.get.content-type"');
    // the okta verdict links to the okta run of a per-profile check, not the entra-id one
    expect(html).toContain('href="#r-lifecycle.user.deactivate--okta"');
    expect(html).toContain('data-pick-suite="lifecycle"');
  });

  it('expands failed and errored results, collapses the others', () => {
    const open = [...html.matchAll(/<details class="result (\w+)"[^>]*?( open)?>/g)].map((m) => [
      m[1],
      !!m[2],
    ]);
    expect(open.length).toBe(9);
    for (const [outcome, isOpen] of open) expect(isOpen).toBe(outcome === 'fail' || outcome === 'error');
  });

  it('renders transport errors, pretty JSON bodies and the authorization header as recorded', () => {
    expect(html).toContain('Transport error TARGET_TIMEOUT');
    expect(html).toContain('&quot;displayName&quot;: &quot;Zoë Ångström 日本語 🚀&quot;');
    expect(html).toContain('authorization: Bearer [REDACTED]');
    expect(html).toContain('IdPs read the service provider configuration');
  });

  it('renders an empty run and clips a huge body with a note', () => {
    const empty = fixtureReport();
    empty.results = [];
    empty.summary = { passed: 0, failed: 0, skipped: 0, errored: 0 };
    const out = renderHtml(empty);
    expect(out).toContain('Showing 0 of 0 results');
    expect(out).toMatch(/<p class="empty" id="f-empty">/);

    const big = fixtureReport();
    const target = big.results[0]?.exchanges[0]?.response;
    if (!target) throw new Error('fixture changed');
    target.body = 'x'.repeat(300_000);
    const clipped = renderHtml(big);
    const shown = [...clipped.matchAll(/<pre class="body">(x+)\n… \((\d+) more characters\)<\/pre>/g)];
    expect(shown.length).toBeGreaterThan(0);
    for (const m of shown) expect([m[1]?.length, m[2]]).toEqual([200_000, '100000']);
  });

  it('renders each distinct exchange once, and every result refers to its own', () => {
    const results = fixtureReport().results;
    const distinct = new Set(results.flatMap((r) => r.exchanges.map((e) => JSON.stringify(e))));
    expect(html.match(/<template id="x-\d+">/g)).toHaveLength(distinct.size);
    // the POST /Users body is shared by two results and drawn once
    expect(html.match(/&quot;givenName&quot;: &quot;Zoë&quot;/g)).toHaveLength(1);
    const refs = [
      ...html.matchAll(/<details class="result (\w+)"[^>]*>.*?(?:data-x="([^"]*)"|<\/details>)/gs),
    ].map((m) => [m[1], m[2]]);
    expect(refs).toEqual([
      ['pass', '0'],
      ['pass', '1'],
      // a failing result with at most two exchanges shows them expanded (`+`); the decisive one (here the
      // last, as the fixture names none) expanded and marked (`*`)
      ['fail', '1*'],
      ['fail', '1+ 2*'],
      ['error', '3*'],
      ['skip', undefined],
      ['fail', undefined],
      ['pass', '0'],
      ['fail', '4*'],
    ]);
  });

  it('holds the body of an exchange shared by 100 results once', () => {
    const report = fixtureReport();
    const first = report.results[0];
    const exchange = first?.exchanges[0];
    if (!first || !exchange?.response) throw new Error('fixture changed');
    exchange.response.body = JSON.stringify({ marker: 'shared-body-3c1e', padding: 'p'.repeat(10_000) });
    report.results = Array.from({ length: 100 }, (_, i) => ({ ...first, id: `discovery.spc.shared-${i}` }));
    const out = renderHtml(report);
    expect(out.match(/shared-body-3c1e/g)).toHaveLength(1);
    expect(out.match(/data-x="0"/g)).toHaveLength(100);
    // the page grows with the results, not with results × body
    expect(out.length).toBeLessThan(10_000 + 100 * 1_500 + 20_000);
  });

  it('escapeHtml covers element content and both attribute quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
