/**
 * Judging SCIM clients: in process (`judgeRequests`, `createJudge`) and over HTTP (`startJudgeServer`,
 * behind `scimulator judge`).
 * @module
 */
export { judgeRequests, createJudge, gatingFailures } from './create-judge.js';
export type { Judge, JudgeSetup } from './create-judge.js';
export { startJudgeServer } from './start-judge.js';
export type { JudgeServer, JudgeServerOptions } from './start-judge.js';
