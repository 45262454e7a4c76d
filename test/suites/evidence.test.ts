import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkLines } from '../../cli/commands/list.js';
import { checkProblems } from '../../engine/loader/validate.js';
import { resultDetail } from '../../engine/reporters/text.js';
import { CLIENT_CHECKS } from '../../suites/client/index.js';
import { SUITES } from '../../suites/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const checks: ReadonlyArray<{ id: string; rfc: string; source?: readonly string[] }> = [
  ...SUITES.flatMap((s) => s.checks),
  ...CLIENT_CHECKS,
];

/** `RFC7644 3.5.2` (or RFC 6585 §4 for 429): an RFC number and one section, nothing else (IdP and GitLab evidence goes in `source`). */
const RFC_SECTION = /^RFC\d{4} \d+(\.\d+)*$/;

/** The anchors GitHub gives a Markdown page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? undefined : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

describe('evidence of the catalogue (issue 19: rfc holds RFC sections, source points into the repository)', () => {
  test('every check, server and client, cites exactly one RFC section in rfc', () => {
    const bad = checks.filter((c) => !RFC_SECTION.test(c.rfc)).map((c) => `${c.id}: ${c.rfc}`);
    expect(bad).toEqual([]);
    expect(checks.length).toBeGreaterThan(400);
  });

  test('every source is a document of this repository and names a heading it has', () => {
    const problems: string[] = [];
    const cited = checks.flatMap((c) => (c.source ?? []).map((s) => ({ id: c.id, s })));
    for (const { id, s } of cited) {
      const [path = '', anchor] = s.split('#');
      const file = `${root}${path}`;
      if (!path.endsWith('.md') || !existsSync(file)) problems.push(`${id}: ${s} (no such page)`);
      else if (!anchor || !anchorsOf(readFileSync(file, 'utf8')).has(anchor))
        problems.push(`${id}: ${s} (no such heading)`);
    }
    expect(problems).toEqual([]);
    // The lifecycle checks judge IdP behaviour: each says where it is written down.
    const lifecycle = SUITES.flatMap((s) => s.checks).filter((c) => c.suite === 'lifecycle');
    expect(lifecycle.length).toBeGreaterThan(0);
    expect(
      lifecycle.filter((c) => !c.source?.some((s) => s.startsWith('docs/idp/'))).map((c) => c.id),
    ).toEqual([]);
  });

  test('the anchor rule matches GitHub for the headings the catalogue cites', () => {
    expect([
      ...anchorsOf(
        '# A\n## Create and matching\n### Matching on further attributes\n## 13. Conformance statements\n',
      ),
    ]).toEqual(['a', 'create-and-matching', 'matching-on-further-attributes', '13-conformance-statements']);
  });
});

describe('reports show source where they show rfc', () => {
  const result = {
    id: 'lifecycle.deactivate.applied',
    title: 'The disabled user reads back with active false',
    suite: 'lifecycle',
    profile: 'okta',
    level: 'MUST' as const,
    rfc: 'RFC7644 3.5',
    source: ['docs/idp/okta.md#deactivation'],
    outcome: 'fail' as const,
    code: 'VALUE_MISMATCH',
    message: 'active reads back as true, expected false',
    exchanges: [],
    ms: 1,
  };

  test('the console and JUnit failure detail has a source line', () => {
    expect(resultDetail(result)).toContain('source:   docs/idp/okta.md#deactivation');
  });

  test('`list checks` prints the source after the RFC section', () => {
    expect(checkLines([result], 200).join('\n')).toContain('(RFC7644 3.5, docs/idp/okta.md#deactivation)');
  });
});

describe('a user check file may carry source too', () => {
  const check = {
    id: 'acme.users.source-cited',
    title: 'A user check with a source',
    explanation: 'Shows that source is validated.',
    rfc: 'RFC7644 3.3',
    level: 'SHOULD',
    scenario: { id: 'acme.source', run: () => Promise.resolve({}) },
    assert: () => ({ kind: 'pass' }),
  };

  test('an array of strings is accepted, anything else is named', () => {
    expect(checkProblems({ ...check, source: ['docs/idp/okta.md#group-push'] }, 'x')).toEqual([]);
    expect(checkProblems({ ...check, source: 'docs/idp/okta.md' }, 'x')).toEqual([
      'check acme.users.source-cited: "source" must be an array of strings (e.g. ["docs/idp/okta.md#group-push"])',
    ]);
  });
});
