#!/usr/bin/env node
// Moves test/ files so that test/ mirrors the source folders (issue 19), and rewrites every relative path
// that points at a moved file: imports, dynamic imports, `join(import.meta.dirname, '../..')` roots,
// fixture paths, and `test/<old>` mentions in docs and comments.
//
// Re-runnable: a file already in its place is left alone, a file in an old folder that a rule covers is
// moved (new files too), a file no rule knows is reported and left where it is. Nothing is ever deleted.
//
//   node scripts/relayout-tests.mjs            # move, rewrite, prettier the changed files, print all of it
//   node scripts/relayout-tests.mjs --dry-run  # print what it would do
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const DRY = process.argv.includes('--dry-run');

/**
 * Old place → new place. A key ending in `/` is an old folder: everything in it moves, keeping its
 * sub-path, unless a file key names it. File keys win over folder keys.
 */
const MOVES = {
  // engine/<area>
  'test/engine/assert.test.ts': 'test/engine/assert/assert.test.ts',
  'test/engine/config.test.ts': 'test/engine/config/config.test.ts',
  'test/engine/creation-tracker.test.ts': 'test/engine/runner/creation-tracker.test.ts',
  'test/engine/dependencies.test.ts': 'test/engine/runner/dependencies.test.ts',
  'test/engine/runner.test.ts': 'test/engine/runner/runner.test.ts',
  'test/engine/verdicts.test.ts': 'test/engine/runner/verdicts.test.ts',
  'test/engine/reporters.test.ts': 'test/engine/reporters/reporters.test.ts',
  'test/engine/schemas.test.ts': 'test/engine/schemas/schemas.test.ts',
  'test/engine/transport.test.ts': 'test/engine/transport/transport.test.ts',
  'test/engine/concurrency.test.ts': 'test/engine/runner/concurrency.test.ts',
  'test/engine/concurrency-latency.test.ts': 'test/engine/runner/concurrency-latency.test.ts',
  'test/reliability/pacing.test.ts': 'test/engine/transport/pacing.test.ts',
  'test/load/': 'test/engine/load/',
  'test/recording/': 'test/engine/recording/',
  'test/reports/': 'test/engine/reporters/',
  'test/requirements/': 'test/engine/requirements/',
  'test/mutation/baseline.test.ts': 'test/engine/baseline/baseline.test.ts',
  'test/profiles/dialects.test.ts': 'test/engine/profile/dialects.test.ts',
  'test/judge/': 'test/engine/judge/',
  'test/user-checks/': 'test/engine/loader/',
  'test/user-checks/init.test.ts': 'test/cli/init.test.ts',
  'test/integration/cli-config-container.test.ts': 'test/engine/container/cli-config-container.test.ts',
  // The harness against hostile targets, its cleanup ledger and its safety stops: engine/runner.
  'test/reliability/hostile-targets.test.ts': 'test/engine/runner/hostile-targets.test.ts',
  'test/reliability/hostile-targets.ts': 'test/engine/runner/hostile-targets.ts',
  'test/reliability/ledger.test.ts': 'test/engine/runner/ledger.test.ts',
  'test/reliability/leftovers.test.ts': 'test/engine/runner/leftovers.test.ts',
  'test/reliability/safety.test.ts': 'test/engine/runner/safety.test.ts',
  'test/reliability/report-secrets.test.ts': 'test/engine/reporters/report-secrets.test.ts',
  // reference-server/<flavour or area>
  'test/gitlab/': 'test/reference-server/gitlab/',
  'test/rfc-server/': 'test/reference-server/rfc/',
  'test/reliability/': 'test/reference-server/robustness/',
  'test/judge/rate-limit.test.ts': 'test/reference-server/rate-limit.test.ts',
  'test/mutation/quirk-mechanism.test.ts': 'test/reference-server/quirks/quirk-mechanism.test.ts',
  // suites/<suite>
  'test/catalogue/': 'test/suites/',
  'test/pagination-cursor/': 'test/suites/pagination-cursor/',
  'test/resources/': 'test/suites/resources/',
  'test/suites-extended/': 'test/suites/extended/',
  'test/rfc-rows/': 'test/suites/rfc-rows/',
  // integrations/<name>
  'test/integration/': 'test/integrations/library/',
  'test/integration/msw.test.ts': 'test/integrations/msw/msw.test.ts',
  'test/integration/options.test.ts': 'test/integrations/options/options.test.ts',
  'test/integration/vitest-integration.test.ts': 'test/integrations/vitest/vitest-integration.test.ts',
  'test/judge/judge-requests.test.ts': 'test/integrations/judge/judge-requests.test.ts',
  'test/judge/parity.test.ts': 'test/integrations/judge/parity.test.ts',
  // Cross-cutting: the package as a user installs it, and the documented CI recipes.
  'test/integration/package.test.ts': 'test/e2e/package.test.ts',
  'test/integration/ci-recipes.test.ts': 'test/e2e/ci-recipes.test.ts',
};

/** Where files belong already: a file under one of these (or a MOVES target) is in place. */
const SETTLED = [
  'test/README.md',
  'test/architecture/',
  'test/cli/',
  'test/e2e/',
  'test/engine/helpers.ts', // loopback servers shared by the engine folders' tests
  'test/engine/fake-scim.ts',
  'test/engine/bounded.test.ts', // engine/bounded.ts, a module at the top of engine/
  'test/mutation/',
  'test/profiles/',
  'test/protocol/',
  'test/reference-server/',
  'test/suites/',
  'test/support/',
  'test/third-party/',
];
/** engine/ and integrations/ tests sit in the folder of their area: test/engine/<area>/, test/integrations/<name>/. */
const AREA = /^test\/(engine|integrations)\/[\w-]+\//;

/** Old folders whose every file went to one new folder: a `test/<old>` mention in prose maps exactly. */
const WHOLE = Object.keys(MOVES).filter(
  (k) => k.endsWith('/') && !Object.keys(MOVES).some((f) => !f.endsWith('/') && f.startsWith(k)),
);
/** Old folders split between several new ones: a bare mention of them needs a person. */
const SPLIT = [...new Set(Object.keys(MOVES).map((k) => k.slice(0, k.indexOf('/', 5) + 1)))].filter(
  (k) => !WHOLE.includes(k) && !SETTLED.includes(k) && k !== 'test/engine/',
);

const rel = (p) => relative(ROOT, p).split(sep).join('/');
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

function destination(file) {
  if (MOVES[file] && !MOVES[file].endsWith('/')) return MOVES[file];
  const folder = Object.keys(MOVES)
    .filter((k) => k.endsWith('/') && file.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  if (!folder) return undefined;
  const target = MOVES[folder] + file.slice(folder.length);
  // test/catalogue/ → test/suites/ must not "move" test/suites/x onto itself.
  return target === file ? undefined : target;
}
const settled = (file) =>
  AREA.test(file) ||
  SETTLED.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)) ||
  Object.values(MOVES).some((t) => (t.endsWith('/') ? file.startsWith(t) : file === t));

// 1. Decide the moves.
const tracked = git('ls-files', 'test').split('\n').filter(Boolean);
const moves = new Map();
const unknown = [];
const conflicts = [];
for (const file of tracked) {
  const to = destination(file);
  if (to === undefined) {
    if (!settled(file)) unknown.push(file);
    continue;
  }
  if (existsSync(join(ROOT, to))) conflicts.push(`${file} → ${to} (already exists)`);
  else moves.set(file, to);
}
const untracked = git('ls-files', '--others', '--exclude-standard', 'test')
  .split('\n')
  .filter((f) => f && destination(f) !== undefined);

// 2. Rewrite relative paths in every code file whose literal points at, or sits in, something that moves.
const SKIP = new Set(['node_modules', 'dist', '.git', 'reports', 'coverage', 'bench/results']);
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP.has(rel(path)) || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(rel(path));
  }
  return out;
}
const all = walk(ROOT);
const isCode = (f) => /\.(ts|mts|js|mjs|cjs)$/.test(f);
const isText = (f) => isCode(f) || /\.(md|json|ya?ml)$/.test(f);
const newPath = (f) => moves.get(f) ?? f;
const SELF = 'scripts/relayout-tests.mjs';

/**
 * The repository path `spec` names, seen from `file`, if it exists; a path into an old folder whose file
 * an earlier run already moved resolves to the new place (a file added late still finds its helpers).
 */
function target(file, spec) {
  const abs = resolve(ROOT, dirname(file), spec);
  if (!abs.startsWith(ROOT + sep) && abs !== ROOT) return undefined;
  const candidates = [abs, abs.replace(/\.js$/, '.ts'), abs.replace(/\.mjs$/, '.mts')];
  let hit = candidates.find((c) => existsSync(c));
  if (hit === undefined) {
    const moved = candidates.map((c) => destination(rel(c))).find((d) => d && existsSync(join(ROOT, d)));
    if (moved === undefined) return undefined;
    hit = join(ROOT, moved);
  }
  return { path: rel(hit) || '.', isFile: statSync(hit).isFile() };
}
function movedDir(dir) {
  // A folder every one of whose files moves to one place (e.g. test/resources/support) moves with them.
  const inside = tracked.filter((f) => f.startsWith(`${dir}/`));
  if (inside.length === 0 || !inside.every((f) => moves.has(f))) return dir;
  const dests = new Set(inside.map((f) => newPath(f).slice(0, newPath(f).length - (f.length - dir.length))));
  return dests.size === 1 ? [...dests][0] : dir;
}

const LITERAL = /(['"`])(\.\.?\/[^'"`\s]*)\1/g;
const edits = new Map(); // new path → new text
const warnings = [];
for (const file of all.filter((f) => isText(f) && f !== SELF)) {
  const before = readFileSync(join(ROOT, file), 'utf8');
  let text = before;
  const fromNew = dirname(newPath(file));
  if (isCode(file)) {
    text = text.replace(LITERAL, (whole, quote, spec) => {
      const hit = target(file, spec);
      if (!hit) return whole;
      if (!moves.has(file) && !moves.has(hit.path) && !hit.isFile && movedDir(hit.path) === hit.path)
        return whole;
      const to = hit.isFile ? newPath(hit.path) : movedDir(hit.path);
      let out = relative(join(ROOT, fromNew), join(ROOT, to)).split(sep).join('/') || '.';
      if (hit.isFile && spec.endsWith('.js') && to.endsWith('.ts')) out = out.replace(/\.ts$/, '.js');
      if (spec.endsWith('/') && !out.endsWith('/')) out += '/'; // new URL('../../', import.meta.url) keeps its slash
      if (!out.startsWith('.')) out = `./${out}`;
      return out === spec ? whole : `${quote}${out}${quote}`;
    });
    if (moves.has(file) && /(import\.meta|__dirname|cwd\(\)).*['"]\.\.['"]\s*[,)]/.test(text))
      warnings.push(`${file}: a path built from separate '..' segments; check it by hand`);
  }
  // Prose and comments: file paths of moved files (this run's, or an earlier run's), then whole old folders.
  text = text.replace(/(?<![\w/.-])test\/[\w./-]*\.(?:ts|mjs|md|json)\b/g, (path) => {
    const to = moves.get(path) ?? destination(path);
    return to && (moves.has(path) || existsSync(join(ROOT, to))) ? to : path;
  });
  for (const folder of WHOLE) {
    const old = folder.slice(0, -1);
    const pattern = new RegExp(`(?<![\\w/.-])${old.replace(/[-/]/g, '\\$&')}(?![\\w-])`, 'g');
    text = text.replace(pattern, MOVES[folder].slice(0, -1));
  }
  for (const folder of SPLIT) {
    const pattern = new RegExp(
      `(?<![\\w/.-])${folder.slice(0, -1).replace(/[-/]/g, '\\$&')}(?![\\w-])[\\w./-]*`,
      'g',
    );
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(0, m.index).split('\n').length;
      warnings.push(
        `${newPath(file)}:${line}: mentions ${m[0]} (a folder split by this relayout): fix by hand`,
      );
    }
  }
  if (text !== before || moves.has(file)) edits.set(newPath(file), text);
}

// 3. Print, then act.
console.log(`relayout-tests: ${tracked.length} tracked test files, ${moves.size} to move`);
for (const [from, to] of moves) console.log(`  move ${from} → ${to}`);
const rewritten = [...edits].filter(([f, t]) => {
  const old = [...moves].find(([, n]) => n === f)?.[0] ?? f;
  return readFileSync(join(ROOT, old), 'utf8') !== t;
});
console.log(`  ${rewritten.length} file(s) with rewritten paths:`);
for (const [f] of rewritten) console.log(`    ${f}`);
for (const c of conflicts) console.log(`  NOT MOVED, target taken: ${c}`);
for (const u of unknown)
  console.log(`  UNKNOWN (no rule; left in place, place it by hand or add a rule): ${u}`);
for (const u of untracked) console.log(`  UNTRACKED in an old folder (git add it, then re-run): ${u}`);
for (const w of [...new Set(warnings)]) console.log(`  CHECK: ${w}`);
if (DRY) {
  console.log('relayout-tests: dry run, nothing changed');
  process.exit(0);
}
for (const [from, to] of moves) {
  mkdirSync(dirname(join(ROOT, to)), { recursive: true });
  git('mv', from, to);
}
for (const [f, t] of rewritten) writeFileSync(join(ROOT, f), t);
// git mv leaves the emptied old folders behind.
for (const from of new Set([...moves.keys()].map((f) => dirname(f)).sort((a, b) => b.length - a.length))) {
  for (
    let dir = from;
    dir !== 'test' && existsSync(join(ROOT, dir)) && readdirSync(join(ROOT, dir)).length === 0;
    dir = dirname(dir)
  )
    rmdirSync(join(ROOT, dir));
}
const toFormat = rewritten.map(([f]) => f).filter((f) => /\.(ts|mjs|md)$/.test(f));
if (toFormat.length > 0)
  execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', ...toFormat], {
    cwd: ROOT,
    stdio: 'inherit',
  });
console.log(
  `relayout-tests: moved ${moves.size}, rewrote ${rewritten.length}; now run: npx tsc -p tsconfig.json --noEmit`,
);
