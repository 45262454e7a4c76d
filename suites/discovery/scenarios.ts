/** Requests of the discovery suite (RFC 7644 §4); each is sent once and judged by several checks. */
import { defineScenario, get, URN } from '../support/index.js';
import type { HttpResult } from '../support/index.js';

export const serviceProviderConfig = defineScenario<HttpResult>({
  id: 'discovery.spc.get',
  run: (ctx) => get(ctx, '/ServiceProviderConfig'),
});

export const resourceTypes = defineScenario<HttpResult>({
  id: 'discovery.resource-types.list',
  run: (ctx) => get(ctx, '/ResourceTypes'),
});

export const schemas = defineScenario<HttpResult>({
  id: 'discovery.schemas.list',
  run: (ctx) => get(ctx, '/Schemas'),
});

export const userSchema = defineScenario<HttpResult>({
  id: 'discovery.schemas.get-user',
  run: (ctx) => get(ctx, `/Schemas/${URN.user}`),
});

export const messageSchema = defineScenario<HttpResult>({
  id: 'discovery.schemas.get-message-schema',
  run: (ctx) => get(ctx, `/Schemas/${URN.listResponse}`),
});

/** Pagination parameters that §4 says discovery endpoints ignore. */
export const pagedSchemas = defineScenario<{ full: HttpResult; paged: HttpResult }>({
  id: 'discovery.schemas.list-paged',
  run: async (ctx) => ({
    full: await ctx.use(schemas),
    paged: await get(ctx, '/Schemas', { startIndex: '2', count: '1' }),
  }),
});
