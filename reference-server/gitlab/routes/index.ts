import type { Route } from '../../core/index.js';
import type { GitlabContext } from './context.js';
import { memberRoutes } from './members.js';
import { userRoutes } from './users.js';

/** Every route the gitlab flavour answers; anything else is GitLab's plain 404. */
export function gitlabRoutes(ctx: GitlabContext): Route[] {
  return [...userRoutes(ctx), ...memberRoutes(ctx)];
}
