/**
 * Runs the planned checks up to `concurrency` at a time. A check starts once the planned runs it depends on
 * (its `dependsOn`, same profile as the dependency gate reads) have finished. A check whose scenario reads
 * collection-wide state is a barrier: it starts when every check planned before it has finished, and no
 * check planned after it starts before it finishes, so it sees the target exactly as a sequential run
 * would. Results come back in plan order, whatever order they finished in.
 * @module
 */
import type { PlannedRun } from './plan.js';

interface ScheduleOptions<R> {
  concurrency: number;
  /** True for runs that must run alone at their place in the plan. */
  exclusive(run: PlannedRun): boolean;
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

export async function schedule<R>(runs: readonly PlannedRun[], options: ScheduleOptions<R>): Promise<R[]> {
  const width = Math.max(1, Math.floor(options.concurrency));
  const prerequisites = prerequisiteIndexes(runs);
  const exclusive = runs.map((run) => options.exclusive(run));
  const results: R[] = new Array<R>(runs.length);
  const done = new Array<boolean>(runs.length).fill(false);
  const started = new Array<boolean>(runs.length).fill(false);
  let running = 0;
  let finished = 0;
  /** Lowest index not yet finished: every run below it is done. */
  let low = 0;
  let failed = false;

  return new Promise<R[]>((resolve, reject) => {
    const ready = (i: number): boolean => {
      if (exclusive[i]) return low === i && running === 0;
      return prerequisites[i]!.every((j) => done[j]);
    };
    const pump = (): void => {
      if (failed) return;
      if (finished === runs.length) {
        resolve(results);
        return;
      }
      for (let i = low; i < runs.length && running < width; i++) {
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
        if (ready(i)) launch(i);
      }
    };
    const launch = (i: number): void => {
      started[i] = true;
      running++;
      const run = runs[i]!;
      options
        .execute(run, exclusive[i]!)
        .then((result) => {
          results[i] = result;
          done[i] = true;
          running--;
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
