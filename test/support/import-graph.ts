/** The graph of relative imports between the project's TypeScript modules, read from the source text. */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { REPO_ROOT, type SourceFile } from './source-files.js';

/** `import … from '…'`, `export … from '…'` (type-only ones too: they tie the modules' designs together). */
const SPECIFIER = /^\s*(?:import|export)\s[^'"]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm;
/** Side-effect imports: `import './x.js';`. */
const BARE = /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The repository path of the module a relative specifier names, or undefined when it is not a .ts module. */
function resolve(from: string, specifier: string): string | undefined {
  const target = normalize(join(dirname(from), specifier))
    .split('\\')
    .join('/');
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, `${target}/index.ts`];
  return candidates.find((path) => path.endsWith('.ts') && existsSync(join(REPO_ROOT, path)));
}

/** Module path → the modules it imports. */
export function importGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const re of [SPECIFIER, BARE]) {
      for (const match of file.text.matchAll(re)) {
        const target = resolve(file.path, match[1]!);
        if (target) targets.add(target);
      }
    }
    graph.set(file.path, [...targets].sort());
  }
  return graph;
}

/** The import circles: strongly connected groups of two or more modules, or a module importing itself. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.node);
      if (group.length > 1 || edges.includes(frame.node)) cycles.push(group.sort());
    }
  }
  return cycles;
}
