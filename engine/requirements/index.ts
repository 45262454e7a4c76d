export {
  isClientObservableMust,
  levelOf,
  parseRequirements,
  sectionUrl,
  type RequirementLevel,
  type RequirementRow,
} from './parse-requirements.js';
export { citations, coverage, percent, unknownCitations } from './coverage.js';
export { loadRequirements } from './load-requirements.js';
export { FIGURES_END, FIGURES_START, renderFigures, withReadmeFigures } from './figures.js';
