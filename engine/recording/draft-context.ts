/**
 * The notebook every `profile-from` draft step shares: the classified recording, and the notes and warnings
 * the steps write about each value they settle.
 * @module
 */
import type { StepAction } from '../profile/index.js';
import { classifyExchanges, type ClassifiedExchange } from './classify.js';
import type { RecordingExchange } from './types.js';

export type NotePath = ReadonlyArray<string | number>;

/** The classified recording and the notes and warnings the steps write. */
export interface DraftContext {
  all: ClassifiedExchange[];
  users: ClassifiedExchange[];
  groups: ClassifiedExchange[];
  /** The exchanges that stand for any of `actions`. */
  withAction(...actions: StepAction[]): ClassifiedExchange[];
  note(path: NotePath, text: string): void;
  /** Notes that the value was observed in `from`. */
  seen(path: NotePath, from: readonly ClassifiedExchange[], what?: string): void;
  /** Notes that the recording does not show the value, and why the default was chosen. */
  assumed(path: NotePath, why: string): void;
  notes: Array<{ path: NotePath; text: string }>;
  warnings: string[];
}

/** Filters that look a user up: the match, the probe and the searches for a disabled or precise user. */
export const USER_MATCH_ACTIONS: StepAction[] = [
  'match-user',
  'probe-absent-user',
  'find-disabled-user',
  'match-precise',
];

export function seqs(list: readonly ClassifiedExchange[]): string {
  const n = list.map((c) => `#${c.exchange.seq}`);
  return n.length > 4 ? `${n.slice(0, 4).join(', ')}, …` : n.join(', ');
}

export function mostCommon(values: ReadonlyArray<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** Classifies the exchanges once and opens an empty notebook. */
export function draftContext(exchanges: readonly RecordingExchange[]): DraftContext {
  const all = classifyExchanges(exchanges);
  const notes: DraftContext['notes'] = [];
  const note = (path: NotePath, text: string): void => {
    notes.push({ path, text });
  };
  return {
    all,
    users: all.filter((c) => c.resource === 'Users'),
    groups: all.filter((c) => c.resource === 'Groups'),
    withAction: (...actions) => all.filter((c) => c.actions.some((a) => actions.includes(a))),
    note,
    seen: (path, from, what = 'observed') => note(path, `${what} in ${seqs(from)}`),
    assumed: (path, why) => note(path, `not in the recording: ${why}`),
    notes,
    warnings: [],
  };
}

/** Attribute updates of users, all and by method. */
export function userUpdates(ctx: DraftContext): {
  updates: ClassifiedExchange[];
  patchUpdates: ClassifiedExchange[];
  putUpdates: ClassifiedExchange[];
} {
  const updates = ctx.withAction('update-user');
  return {
    updates,
    patchUpdates: updates.filter((c) => c.method === 'PATCH'),
    putUpdates: updates.filter((c) => c.method === 'PUT'),
  };
}
