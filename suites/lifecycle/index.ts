import { defineSuite } from '../support/index.js';
import type { SuiteDefinition } from '../support/index.js';
import { groupCheckFactories } from './group-checks.js';
import { moreGroupCheckFactories, moreUserCheckFactories } from './more-checks.js';
import { finalCheckFactories, userCheckFactories } from './user-checks.js';

/**
 * The IdP lifecycle replay (docs/idp/<idp>.md): every check runs once per selected IdP profile in that
 * profile's dialect and counts against that profile's verdict. `profiles` lists the profile names it
 * runs for (the shipped ones plus any custom profile the CLI loaded).
 */
export function lifecycleSuite(profiles: readonly string[]): SuiteDefinition {
  const names = [...new Set(profiles)];
  return defineSuite({
    name: 'lifecycle',
    title: 'IdP lifecycle replay',
    description:
      "Replays each IdP's connection test, create, update, disable, re-enable, group push and delete in its own dialect, and judges every answer as that IdP does.",
    checks: [
      ...userCheckFactories,
      ...moreUserCheckFactories,
      ...groupCheckFactories,
      ...moreGroupCheckFactories,
      ...finalCheckFactories,
    ].map((make) => make(names)),
  });
}
export { checkEvidenceTag } from './define.js';
