/**
 * How every reporter names what a run left on the target (issue 16): one line per leftover and one warning
 * with the command that removes them.
 * @module
 */
import type { Report } from '../runner/report.js';

type Leftovers = Pick<Report, 'target'> & Partial<Pick<Report, 'cleanup' | 'prefix'>>;

/** One leftover: type, name or id, and why it could not be removed. */
export function leftoverLine(issue: Report['cleanup'][number]): string {
  const what = [issue.resourceType, issue.name ?? issue.id].filter(Boolean).join(' ');
  return what ? `${what} (${issue.path}): ${issue.message}` : issue.message;
}

/** `warning: N resource(s) left on the target; remove them with: scimulator cleanup …`. */
export function leftoverWarning(report: Leftovers): string {
  const n = report.cleanup?.length ?? 0;
  const prefix = report.prefix ? ` --prefix ${report.prefix}` : '';
  return `warning: ${n} resource${n === 1 ? '' : 's'} left on the target; remove ${n === 1 ? 'it' : 'them'} with: scimulator cleanup --target ${report.target}${prefix} --yes`;
}

/** The `scimulator cleanup` command line for a report's target and prefix. */
export function cleanupCommand(report: Leftovers): string {
  return `scimulator cleanup --target ${report.target}${report.prefix ? ` --prefix ${report.prefix}` : ''} --yes`;
}
