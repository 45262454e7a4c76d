/**
 * RFC 7643 rules on resource representations that no other suite cites: attribute syntax, value encodings,
 * `schemas` and extensions, common attributes, judged against the target's own /Schemas and /ResourceTypes.
 * @module
 */
import { defineSuite } from '../support/index.js';
import { schemasChecks } from './schemas-checks.js';
import { shapeChecks } from './shape-checks.js';
import { valueChecks } from './value-checks.js';
import { writeChecks } from './write-checks.js';

/** The resources suite (RFC 7643 §2, §3, §4.1.2, §6). */
export const resourcesSuite = defineSuite({
  name: 'resources',
  title: 'Resources',
  description:
    'How Users and Groups are represented: attribute names, multi-valued and complex values, integers, binaries, references, schemas and extensions, common attributes.',
  checks: [...shapeChecks, ...schemasChecks, ...valueChecks, ...writeChecks],
});
