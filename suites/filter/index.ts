import { defineSuite } from '../support/index.js';
import { matchChecks } from './match-checks.js';
import { responseChecks } from './response-checks.js';
import { defaultChecks } from './default-checks.js';
import { sparseChecks } from './sparse-checks.js';

/** The filter grammar of RFC 7644 §3.4.2.2: operators, logic, value paths, case rules and errors. */
export const filterSuite = defineSuite({
  name: 'filter',
  title: 'Filtering',
  description:
    'Every filter operator, and/or/not with precedence and grouping, value paths, URN names, caseExact rules, and the errors for filters a server cannot use.',
  checks: [...matchChecks, ...responseChecks, ...defaultChecks, ...sparseChecks],
});
