import type { GitlabStore } from '../store.js';

/** What every route handler shares: the store and the instance-wide Group SAML switch. */
export interface GitlabContext {
  store: GitlabStore;
  groupSamlEnabled: boolean;
}
