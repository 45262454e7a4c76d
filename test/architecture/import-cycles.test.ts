/**
 * No import circles between the project's modules (docs: ARCHITECTURE "No import cycles"): a circle means
 * two files cannot be understood, tested or moved apart, so the tree's relative imports are read and
 * every strongly connected group is a failure.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/import-graph.js';
import { sourceFiles } from '../support/source-files.js';

describe('import circles', () => {
  it('no module of the source tree imports itself through others', () => {
    const graph = importGraph(sourceFiles());
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a circle of two, of three and a self-import, and none in a chain', () => {
    const g = (edges: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(edges));
    expect(importCycles(g({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]);
    expect(importCycles(g({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(importCycles(g({ a: ['a'] }))).toEqual([['a']]);
    expect(importCycles(g({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('reads type-only, re-export and extension-less index imports as edges', () => {
    const graph = importGraph([
      { path: 'engine/load/verdict.ts', text: "import type { PhaseFigures } from './phase.js';\n" },
      { path: 'engine/load/index.ts', text: "export { throughputVerdict } from './verdict.js';\n" },
    ]);
    expect(graph.get('engine/load/verdict.ts')).toEqual(['engine/load/phase.ts']);
    expect(graph.get('engine/load/index.ts')).toEqual(['engine/load/verdict.ts']);
  });
});
