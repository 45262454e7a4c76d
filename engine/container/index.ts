export {
  dockerAvailable,
  parseEnvPairs,
  startContainerTarget,
  withContainerTarget,
} from './container-target.js';
export type {
  ContainerTargetOptions,
  DockerAvailability,
  StartedContainerTarget,
} from './container-target.js';
