/**
 * Runs the planned checks up to `concurrency` at a time. A check starts once the planned runs it depends on
 * (its `dependsOn`, same profile as the dependency gate reads) have finished. Checks whose scenario reads
 * collection-wide state run first (with their prerequisites), so the run is not drained once per such check;
 * each of them is a barrier: it starts when every run ordered before it has finished, and nothing ordered
 * after it starts before it finishes. The order is the same at every concurrency, so a barrier sees the
 * target as a `--concurrency 1` run sees it. Results come back in plan order, whatever order they ran in.
 * @module
 */
import type { PlannedRun } from './plan.js';

interface ScheduleOptions<R> {
  concurrency: number;
  /** True for runs that must run alone (collection-wide state): barriers, ordered first with their prerequisites. */
  exclusive(run: PlannedRun): boolean;
  /** True for runs that mostly wait: started first (with their prerequisites), so the wait overlaps other work. */
  early?(run: PlannedRun): boolean;
  /**
   * Runs with the same key share one slot: the runner memoises a scenario per profile, so a check whose
   * scenario is already in flight only waits for it and must not hold a slot another scenario could use.
   */
  slotKey?(run: PlannedRun): string;
  /** Runs with the same chain key run one after another, in order (see Scenario.chain). */
  chainKey?(run: PlannedRun): string | undefined;
  execute(run: PlannedRun, exclusive: boolean): Promise<R>;
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
 * dependant): first the collection-wide runs with their prerequisites, so they see the target before the
 * run's other fixtures pile up (and a run at any concurrency sees it alike); then the runs that mostly wait,
 * with their prerequisites, so the wait overlaps other work; then everything else.
 */
function runOrder(
  runs: readonly PlannedRun[],
  { exclusive, early = () => false }: Pick<ScheduleOptions<unknown>, 'exclusive' | 'early'>,
): number[] {
  const prerequisites = prerequisiteIndexes(runs);
  const group = new Array<number>(runs.length).fill(2);
  const pull = (i: number, into: number): void => {
    if (group[i]! <= into) return;
    group[i] = into;
    prerequisites[i]!.forEach((j) => pull(j, into));
  };
  runs.forEach((run, i) => {
    if (exclusive(run)) pull(i, 0);
  });
  runs.forEach((run, i) => {
    if (early(run)) pull(i, 1);
  });
  const indexes = runs.map((_, i) => i);
  return [0, 1, 2].flatMap((g) => indexes.filter((i) => group[i] === g));
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

  return new Promise<R[]>((resolve, reject) => {
    const ready = (i: number): boolean => {
      if (exclusive[i]) return low === i && slots.size === 0;
      const before = previousInChain[i];
      return (before === undefined || done[before] === true) && prerequisites[i]!.every((j) => done[j]);
    };
    const pump = (): void => {
      if (failed) return;
      if (finished === runs.length) {
        resolve(results);
        return;
      }
      for (let i = low; i < runs.length; i++) {
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
    };
    const launch = (i: number): void => {
      started[i] = true;
      const key = keys[i]!;
      slots.set(key, (slots.get(key) ?? 0) + 1);
      const run = runs[i]!;
      options
        .execute(run, exclusive[i]!)
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
