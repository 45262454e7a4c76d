/**
 * Runs the planned checks up to `concurrency` at a time. A check starts once the planned runs it depends on
 * (its `dependsOn`, same profile as the dependency gate reads) have finished. Checks whose scenario reads
 * collection-wide state run first (with their prerequisites), so the run is not drained once per such check;
 * each of them is a barrier: it starts when every run ordered before it has finished, and nothing ordered
 * after it starts before it finishes. Checks that only read collection-wide state (readers) come next, those
 * that need no fixture first: a block of them starts once everything before it is done, has its fixtures
 * made (`prepare`), and then runs side by side with nothing else. The order is the same at every concurrency, so a barrier or a reader
 * sees the target as a `--concurrency 1` run sees it. Results come back in plan order, whatever order they
 * ran in.
 * @module
 */
import type { PlannedRun } from './plan.js';

/** How a run runs: alone (a barrier), among the readers of its block, or beside any other run. */
export type RunMode = 'alone' | 'reader' | 'beside';

interface ScheduleOptions<R> {
  concurrency: number;
  /** True for runs that must run alone (collection-wide state): barriers, ordered first with their prerequisites. */
  exclusive(run: PlannedRun): boolean;
  /**
   * For runs that only read collection-wide state, their phase (else undefined): ordered after the barriers
   * (with their prerequisites), phase 0 before phase 1, each phase a block that runs side by side once
   * `prepare` is done. Readers that need no fixture are phase 0, so they see the collection before the
   * fixtures of the others are made, as they would have alone.
   */
  reader?(run: PlannedRun): 0 | 1 | undefined;
  /** Makes the fixtures of a block of readers, alone, before any of them starts. */
  prepare?(runs: readonly PlannedRun[]): Promise<void>;
  /** True for runs that take long on their own: started after the collection-wide runs, before the others. */
  early?(run: PlannedRun): boolean;
  /**
   * True for runs whose scenario waits after a short set-up and says so (`ctx.settled()`): they start before
   * everything else, and once their slot key is reported settled they no longer hold back a barrier.
   */
  first?(run: PlannedRun): boolean;
  /** Hands the scheduler a function to call with a slot key whose scenario settled (only reads and waits left). */
  onSettled?(settle: (slotKey: string) => void): void;
  /**
   * Runs with the same key share one slot: the runner memoises a scenario per profile, so a check whose
   * scenario is already in flight only waits for it and must not hold a slot another scenario could use.
   */
  slotKey?(run: PlannedRun): string;
  /** Runs with the same chain key run one after another, in order (see Scenario.chain). */
  chainKey?(run: PlannedRun): string | undefined;
  execute(run: PlannedRun, mode: RunMode): Promise<R>;
  /** Called as each run finishes, before any run waiting for it starts. */
  onFinish?(result: R, run: PlannedRun): void;
}

/** Indexes of the planned runs each run waits for: its prerequisites in its profile, else their `rfc` run. */
function prerequisiteIndexes(runs: readonly PlannedRun[]): number[][] {
  const index = new Map(runs.map((r, i) => [`${r.check.id}\u0000${r.profile.name}`, i]));
  return runs.map(({ check, profile }, i) =>
    (check.dependsOn ?? [])
      .map((id) => index.get(`${id}\u0000${profile.name}`) ?? index.get(`${id}\u0000rfc`))
      // orderByDependencies places prerequisites first; a later index would be a cycle, never waited for.
      .filter((j): j is number => j !== undefined && j < i),
  );
}

/**
 * Plan indexes in the order they run, each group in plan order (so a prerequisite always runs before its
 * dependant): the runs that wait after a short set-up (their wait then overlaps everything); the
 * collection-wide runs with their prerequisites, so they see the target before the run's other fixtures pile
 * up (and a run at any concurrency sees it alike); the readers' other prerequisites, then the readers, so
 * they form one block; the runs that take long, so their time overlaps other work; then everything else.
 */
function runOrder(
  runs: readonly PlannedRun[],
  {
    exclusive,
    reader = () => undefined,
    early = () => false,
    first = () => false,
  }: Pick<ScheduleOptions<unknown>, 'exclusive' | 'reader' | 'early' | 'first'>,
): number[] {
  const prerequisites = prerequisiteIndexes(runs);
  const LAST = 6;
  const group = new Array<number>(runs.length).fill(LAST);
  const pull = (i: number, into: number): void => {
    if (group[i]! <= into) return;
    group[i] = into;
    prerequisites[i]!.forEach((j) => pull(j, into));
  };
  runs.forEach((run, i) => {
    if (first(run) && !exclusive(run) && reader(run) === undefined) pull(i, 0);
  });
  runs.forEach((run, i) => {
    if (exclusive(run)) pull(i, 1);
  });
  // A reader's reader prerequisites join its block (or an earlier one); its other prerequisites run before.
  const pullReader = (i: number, into: number): void => {
    if (group[i]! <= into) return;
    group[i] = into;
    prerequisites[i]!.forEach((j) => {
      const phase = reader(runs[j]!);
      if (phase === undefined) pull(j, 2);
      else pullReader(j, Math.min(into, 3 + phase));
    });
  };
  runs.forEach((run, i) => {
    const phase = reader(run);
    if (phase !== undefined) pullReader(i, 3 + phase);
  });
  runs.forEach((run, i) => {
    if (early(run)) pull(i, 5);
  });
  const indexes = runs.map((_, i) => i);
  return [0, 1, 2, 3, 4, 5, LAST].flatMap((g) => indexes.filter((i) => group[i] === g));
}

export async function schedule<R>(runs: readonly PlannedRun[], options: ScheduleOptions<R>): Promise<R[]> {
  const order = runOrder(runs, options);
  const inOrder = await scheduleInOrder(
    order.map((i) => runs[i]!),
    options,
  );
  const results = new Array<R>(runs.length);
  order.forEach((planIndex, k) => (results[planIndex] = inOrder[k]!));
  return results;
}

async function scheduleInOrder<R>(runs: readonly PlannedRun[], options: ScheduleOptions<R>): Promise<R[]> {
  const width = Math.max(1, Math.floor(options.concurrency));
  const prerequisites = prerequisiteIndexes(runs);
  const exclusive = runs.map((run) => options.exclusive(run));
  const phase = runs.map((run, i) => (exclusive[i] ? undefined : options.reader?.(run)));
  const reader = phase.map((p) => p !== undefined);
  /** First and last index of the block (consecutive readers of one phase) each reader belongs to. */
  const blockStart = new Array<number>(runs.length);
  const blockEnd = new Array<number>(runs.length);
  const sameBlock = (i: number, j: number): boolean => reader[j] === true && phase[i] === phase[j];
  for (let i = 0; i < runs.length; i++)
    if (reader[i]) blockStart[i] = sameBlock(i, i - 1) ? blockStart[i - 1]! : i;
  for (let i = runs.length - 1; i >= 0; i--)
    if (reader[i]) blockEnd[i] = sameBlock(i, i + 1) ? blockEnd[i + 1]! : i;
  /** Reader blocks (by first index) whose fixtures are being made, and those ready to run. */
  const preparing = new Set<number>();
  const prepared = new Set<number>();
  const results: R[] = new Array<R>(runs.length);
  const done = new Array<boolean>(runs.length).fill(false);
  const started = new Array<boolean>(runs.length).fill(false);
  const keys = runs.map((run, i) => options.slotKey?.(run) ?? String(i));
  /** Runs in flight per slot key; its size is the number of slots taken. */
  const slots = new Map<string, number>();
  const hasSlot = (i: number): boolean => slots.size < width || slots.has(keys[i]!);
  /** The run before each run in its chain, which must finish first. */
  const chained = new Map<string, number>();
  const previousInChain = runs.map((run, i) => {
    const key = options.chainKey?.(run);
    if (key === undefined) return undefined;
    const before = chained.get(key);
    chained.set(key, i);
    return before;
  });
  let finished = 0;
  /** Lowest index not yet finished: every run below it is done. */
  let low = 0;
  let failed = false;
  /** Slot keys whose scenario settled: their runs only read and wait now, which no barrier need wait for. */
  const settled = new Set<string>();
  /** Whether run `i` still holds back a barrier: unfinished, and its (memoised) scenario has not settled. */
  const holding = (i: number): boolean => !done[i] && !settled.has(keys[i]!);
  /** A barrier at `i` may start: every run ordered before it is done or settled, and nothing else is in flight. */
  const clearFor = (i: number): boolean => {
    for (let j = low; j < i; j++) if (holding(j)) return false;
    for (const key of slots.keys()) if (!settled.has(key)) return false;
    return true;
  };

  return new Promise<R[]>((resolve, reject) => {
    options.onSettled?.((key) => {
      settled.add(key);
      pump();
    });
    const ready = (i: number): boolean => {
      if (exclusive[i]) return clearFor(i);
      const before = previousInChain[i];
      return (before === undefined || done[before] === true) && prerequisites[i]!.every((j) => done[j]);
    };
    function pump(): void {
      if (failed) return;
      if (finished === runs.length) {
        resolve(results);
        return;
      }
      for (let i = low; i < runs.length; i++) {
        if (reader[i]) {
          const start = blockStart[i]!;
          const end = blockEnd[i]!;
          if (!prepared.has(start)) {
            if (!preparing.has(start) && clearFor(start)) prepareBlock(start, end);
            break;
          }
          for (let k = i; k <= end; k++) if (!started[k] && hasSlot(k) && ready(k)) launch(k);
          // Nothing planned after a block starts before every reader of it is done.
          if (!done.slice(start, end + 1).every(Boolean)) break;
          i = end;
          continue;
        }
        if (started[i]) {
          // A barrier in flight: nothing planned after it starts until it is done.
          if (exclusive[i] && !done[i]) break;
          continue;
        }
        if (exclusive[i]) {
          if (ready(i)) launch(i);
          // Whether it started or must wait for the runs before it, nothing after it may start yet.
          break;
        }
        if (hasSlot(i) && ready(i)) launch(i);
      }
    }
    const prepareBlock = (start: number, end: number): void => {
      preparing.add(start);
      (options.prepare?.(runs.slice(start, end + 1)) ?? Promise.resolve())
        .then(() => {
          prepared.add(start);
          pump();
        })
        .catch((error: unknown) => {
          failed = true;
          reject(error);
        });
    };
    const launch = (i: number): void => {
      started[i] = true;
      const key = keys[i]!;
      slots.set(key, (slots.get(key) ?? 0) + 1);
      const run = runs[i]!;
      options
        .execute(run, exclusive[i] ? 'alone' : reader[i] ? 'reader' : 'beside')
        .then((result) => {
          results[i] = result;
          done[i] = true;
          const left = (slots.get(key) ?? 1) - 1;
          if (left === 0) slots.delete(key);
          else slots.set(key, left);
          finished++;
          while (low < runs.length && done[low]) low++;
          options.onFinish?.(result, run);
          pump();
        })
        .catch((error: unknown) => {
          failed = true;
          reject(error);
        });
    };
    pump();
  });
}
