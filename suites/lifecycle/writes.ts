/**
 * An IdP write step (create, PATCH, PUT, DELETE) described once, and the two checks every such step gets:
 * "accepted" (the status is one the IdP accepts) and "applied" (a GET afterwards shows the change, RFC 7644
 * §3.5). Each builder returns the `evidence` and `judge` fields of a lifecycleCheck declaration.
 */
import type {
  AssertContext,
  HttpResult,
  JsonObject,
  ProfileData,
  ProfileResponses,
} from '../support/index.js';
import { firstSent, lifecycleCheck, type LifecycleCheckFactory, type LifecycleCheckSpec } from './define.js';
import { statusIn, type Judgement } from './judge.js';
import { readAfterWrite } from './read-back.js';
import type { CreatedRun, GroupsRun } from './scenarios.js';

type Answer = HttpResult | undefined;

/** The profile response lists that are statuses (`updateStatus`, `groupPatchStatus`, …). */
type StatusList = {
  [K in keyof ProfileResponses]-?: ProfileResponses[K] extends number[] ? K : never;
}[keyof ProfileResponses];

export interface WriteStep<T> {
  /** The IdP's write. */
  write: (run: T) => Answer;
  /** The GET that reads the change back. */
  after?: (run: T) => Answer;
  /** A GET the IdP sends before the write (Okta reads before it PUTs). */
  before?: (run: T) => Answer;
  /** Earlier steps whose answers stand as evidence when the write was never sent, most recent first. */
  prior?: (run: T) => readonly Answer[];
  /** Which of the profile's response lists holds the statuses the IdP accepts for the write. */
  statuses: StatusList;
  /** Why the write may not have been sent, and the check that judges that cause. */
  missing: string;
  prerequisite: string;
  /** The id of the step's "accepted" check. */
  acceptedCheck: string;
  /** How the change is read back: see ReadAfterWrite. */
  what?: string;
  readCheck?: string;
  unreadable?: string;
}

type Judged<T> = Pick<LifecycleCheckSpec<T>, 'evidence' | 'judge'>;
type ReadBack<T> = (body: JsonObject, run: T, profile: ProfileData, ctx: AssertContext) => Judgement;

const groups = <T>(step: WriteStep<T>, run: T): Answer[][] => (step.prior?.(run) ?? []).map((a) => [a]);

/** The write is answered with a status the IdP accepts. */
export function acceptedWrite<T>(step: WriteStep<T>): Judged<T> {
  return {
    evidence: (run) =>
      firstSent([...(step.before ? [step.before(run)] : []), step.write(run)], ...groups(step, run)),
    judge: (run, p) => statusIn(step.write(run), p.responses[step.statuses], step.missing, step.prerequisite),
  };
}

/** The write was accepted and the GET after it shows what `judge` looks for. */
export function appliedWrite<T>(step: WriteStep<T>, judge: ReadBack<T>): Judged<T> {
  return {
    evidence: (run) =>
      firstSent(
        [step.write(run), step.after?.(run)],
        ...(step.before ? [[step.before(run)]] : []),
        ...groups(step, run),
      ),
    judge: (run, p, ctx) =>
      readAfterWrite(
        {
          write: step.write(run),
          after: step.after?.(run),
          accepted: p.responses[step.statuses],
          acceptedCheck: step.acceptedCheck,
          what: step.what,
          readCheck: step.readCheck,
          unreadable: step.unreadable,
        },
        (body) => judge(body, run, p, ctx),
      ),
  };
}

/** A run of the user cycle: the user's create, then the write with the GETs the IdP sends before and after it. */
interface UserWriteRun {
  first: CreatedRun;
  before?: HttpResult;
  write?: HttpResult;
  after?: HttpResult;
}

/** A write of the user cycle, read from a run's `write`, `before` and `after`, sent after the user's create. */
export function userWrite<T extends UserWriteRun>(
  step: Omit<WriteStep<T>, 'write' | 'after' | 'before' | 'prior'>,
): WriteStep<T> {
  return {
    ...step,
    write: (run) => run.write,
    after: (run) => run.after,
    before: (run) => run.before,
    prior: (run) => [run.first.post],
  };
}

/** The recorded answers of a group run (`add`, `afterAdd`, …). */
type GroupAnswer = {
  [K in keyof GroupsRun]-?: GroupsRun[K] extends Answer ? K : never;
}[keyof GroupsRun];

/**
 * A PATCH or DELETE of the pushed group, sent after the group's create, named by the run's answers that hold
 * it and its read-back (default statuses: the profile's group PATCH answers).
 */
export function groupWrite({
  write,
  after,
  ...step
}: Omit<WriteStep<GroupsRun>, 'write' | 'after' | 'prior' | 'prerequisite' | 'statuses'> & {
  write: GroupAnswer;
  after?: GroupAnswer;
  statuses?: StatusList;
}): WriteStep<GroupsRun> {
  return {
    statuses: 'groupPatchStatus',
    prerequisite: 'lifecycle.groups.create-201',
    prior: (run) => [run.create],
    write: (run) => run[write],
    ...(after ? { after: (run: GroupsRun) => run[after] } : {}),
    ...step,
  };
}

/** What the checks of a write step share: the step(s) they judge, level, rfc, source and scenario. */
type WriteShared<T> = Omit<LifecycleCheckSpec<T>, 'id' | 'title' | 'explanation' | 'judge' | 'evidence'>;
/** A row's own fields: id, title and explanation, and any shared field it states otherwise. */
type WriteRow<T> = Pick<LifecycleCheckSpec<T>, 'id' | 'title' | 'explanation'> &
  Partial<LifecycleCheckSpec<T>>;

/**
 * The checks of one write step: its "accepted" check and its "applied" checks (each with how the read-back is
 * judged), every row a lifecycleCheck with the step's shared fields under it (a field the row names wins).
 */
export function writeRows<T>(
  step: WriteStep<T>,
  shared: WriteShared<T>,
): {
  accepted: (row: WriteRow<T>) => LifecycleCheckFactory;
  applied: (row: WriteRow<T> & { readBack: ReadBack<T> }) => LifecycleCheckFactory;
} {
  return {
    accepted: (row) => lifecycleCheck({ ...shared, ...acceptedWrite(step), ...row }),
    applied: ({ readBack, ...row }) => lifecycleCheck({ ...shared, ...appliedWrite(step, readBack), ...row }),
  };
}
