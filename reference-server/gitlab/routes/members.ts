/**
 * A read-only slice of GitLab's v4 members API, so tests and humans can see what provisioning did to
 * group membership (the SCIM API itself never shows it).
 */
import type { Route } from '../../core/index.js';
import { authenticateV4 } from '../auth.js';
import { readParams } from '../params.js';
import { json } from '../render.js';
import type { GitlabContext } from './context.js';

export function memberRoutes(ctx: GitlabContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: 'api/v4/groups/:group/members',
      handler: (req) => {
        const group = authenticateV4(req, readParams(req, req.params), ctx.store);
        const members = ctx.store.membershipsOf(group.id).map((m) => {
          const user = ctx.store.user(m.userId);
          return {
            id: user.id,
            username: user.username,
            name: user.name,
            state: 'active',
            access_level: m.accessLevel,
          };
        });
        return json(200, members, 'application/json');
      },
    },
  ];
}
