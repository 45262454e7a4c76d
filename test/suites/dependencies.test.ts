import { describe, expect, test } from 'vitest';
import { orderByDependencies, validateDependencies } from '../../engine/runner/index.js';
import type { AnyCheck } from '../../engine/model/index.js';
import { catalogue, SUITES } from '../../suites/index.js';

const all: AnyCheck[] = SUITES.flatMap((s) => s.checks);

describe('the shipped catalogue', () => {
  test('every dependsOn names a check of the catalogue, and no check depends on itself through others', () => {
    expect(() => validateDependencies(all)).not.toThrow();
    // With custom profile files the lifecycle suite is rebuilt: still consistent.
    expect(() => validateDependencies(catalogue(['acme-idp']).flatMap((s) => s.checks))).not.toThrow();
  });

  test('a prerequisite runs in a profile its dependent runs in (same profile, or the rfc run)', () => {
    const byId = new Map(all.map((c) => [c.id, c]));
    const problems: string[] = [];
    for (const check of all) {
      for (const id of check.dependsOn ?? []) {
        const prior = byId.get(id);
        // A per-profile check may build on an RFC check (run once as rfc); an RFC check cannot build on a flow.
        if (prior?.perProfile && !check.perProfile) problems.push(`${check.id} → ${id}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('the run order puts every selected prerequisite before its dependents', () => {
    const ordered = orderByDependencies(all);
    const at = new Map(ordered.map((c, i) => [c.id, i]));
    for (const check of ordered)
      for (const id of check.dependsOn ?? [])
        expect(at.get(id), `${id} before ${check.id}`).toBeLessThan(at.get(check.id)!);
    expect(ordered).toHaveLength(all.length);
  });
});
