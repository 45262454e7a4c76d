export { envConfig, parseFailOn, parseInteger, parseRunConfig, readConfigFile, splitList } from './config.js';
export type { RunConfig } from './config.js';
export {
  CONFIG_SCHEMA,
  CONFIG_FILE_NAMES,
  CONFIG_KEYS,
  findConfigFile,
  validateConfigDocument,
} from './config-schema.js';
export { prepareOutFolder } from './out-folder.js';
