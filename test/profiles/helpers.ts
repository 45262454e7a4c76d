/** Runs the IdP suites against a reference server (optionally behind the mutating proxy). */
import { runChecks, type Report } from '../../engine/index.js';
import { loadProfiles, toProfileInfo, type ProfileData } from '../../profiles/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { gitlabSuite, lifecycleSuite } from '../../suites/idp.js';

export const TOKEN = 'profiles-test-token';
export const GITLAB_TOKEN = 'glsoat-profiles-test';

export function profilesNamed(names: readonly string[]): ProfileData[] {
  const all = loadProfiles();
  return names.map((name) => {
    const found = all.find((p) => p.name === name);
    if (!found) throw new Error(`no shipped profile ${name}`);
    return found;
  });
}

export async function startRfc(quirks: string[] = []): Promise<RunningServer> {
  return startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks });
}

export async function startGitlab(): Promise<RunningServer> {
  return startServer({ flavor: 'gitlab', port: 0, groups: [`demo-group:${GITLAB_TOKEN}`] });
}

/** The lifecycle replay for `profiles` (and, with `gitlab`, the GitLab suite under a `gitlab` verdict). */
export async function replay(
  target: string,
  token: string,
  profiles: readonly ProfileData[],
  options: { gitlab?: boolean; seed?: number; concurrency?: number } = {},
): Promise<Report> {
  return runChecks({
    target,
    token,
    suites: [lifecycleSuite(profiles.map((p) => p.name)), ...(options.gitlab ? [gitlabSuite] : [])],
    profiles: [...profiles.map(toProfileInfo), ...(options.gitlab ? [{ name: 'gitlab', data: {} }] : [])],
    seed: options.seed ?? 11,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
}

/** Failed (or errored) check ids of one profile, for readable assertion messages. */
export function failedOf(report: Report, profile: string): string[] {
  return report.results
    .filter((r) => r.profile === profile && (r.outcome === 'fail' || r.outcome === 'error'))
    .map((r) => `${r.id}: ${r.message ?? ''}`);
}
