export {
  isClientObservableMust,
  levelOf,
  parseRequirements,
  sectionUrl,
  type RequirementLevel,
  type RequirementRow,
} from './parse-requirements.js';
export {
  citations,
  coverage,
  percent,
  unknownCitations,
  type CitingCheck,
  type CoverageCell,
  type RfcCoverage,
} from './coverage.js';
export { loadRequirements, requirementsDir, REQUIREMENT_FILES } from './load-requirements.js';
export { FIGURES_END, FIGURES_START, renderFigures, withReadmeFigures, type FigureCheck } from './figures.js';
