import { defineSuite } from '../support/index.js';
import { meChecks } from './me-checks.js';
import { meLocationChecks } from './me-location-checks.js';
import { resourceTypeChecks } from './resource-type-checks.js';
import { schemaByIdChecks } from './schema-by-id-checks.js';
import { schemaListChecks } from './schema-list-checks.js';
import { spcChecks } from './spc-checks.js';
import { spcTruthChecks } from './spc-truth-checks.js';

/** Discovery endpoints: /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4, RFC 7643 §5–7). */
export const discoverySuite = defineSuite({
  name: 'discovery',
  title: 'Discovery',
  description:
    'ServiceProviderConfig, ResourceTypes and Schemas: reachable, correctly typed, and advertising what clients need.',
  checks: [
    ...spcChecks,
    ...spcTruthChecks,
    ...resourceTypeChecks,
    ...schemaListChecks,
    ...schemaByIdChecks,
    ...meChecks,
    ...meLocationChecks,
  ],
});
