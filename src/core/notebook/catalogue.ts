// The 40 readiness checks: id, default (hand-in) severity, the checklist section the report groups them
// under, and a short title. Severities that depend on the sub-rule are set by the check itself; the
// profile (profiles.ts) then drops, relaxes or raises them.
import type { Severity } from './model';

export type ChecklistSection = 'format' | 'execution' | 'reproducibility' | 'code' | 'documentation' | 'tracking';

export interface CheckInfo {
  id: string;
  severity: Severity;
  section: ChecklistSection;
  title: string;
}

export const SECTION_TITLES: Record<ChecklistSection, string> = {
  format: 'File format and rendering',
  execution: 'Runs top to bottom, outputs saved',
  reproducibility: 'Reproducible: seeds, paths, secrets, dependencies',
  code: 'Code structure and hygiene',
  documentation: 'Documentation and sections',
  tracking: 'Experiment tracking',
};

const C = (id: string, severity: Severity, section: ChecklistSection, title: string): CheckInfo => ({ id, severity, section, title });

export const CATALOGUE: CheckInfo[] = [
  C('nb-invalid-format', 'error', 'format', 'Notebook file format'),
  C('notebook-metadata', 'info', 'format', 'Notebook metadata'),
  C('widget-state-missing', 'warning', 'format', 'Widget state missing'),
  C('renderer-specific-output', 'warning', 'format', 'Outputs only a live kernel can render'),
  C('outputs-not-saved', 'error', 'execution', 'Outputs not saved'),
  C('unexecuted-cells', 'warning', 'execution', 'Cells never run'),
  C('execution-order-nonlinear', 'error', 'execution', 'Cells run out of order'),
  C('execution-count-gaps', 'warning', 'execution', 'Gaps in execution counts'),
  C('stale-output', 'warning', 'execution', 'Outputs from another execution'),
  C('error-output', 'error', 'execution', 'Error in an output'),
  C('huge-output', 'warning', 'execution', 'Very large output'),
  C('static-run-blocker', 'error', 'execution', 'Cannot run top to bottom'),
  C('seed-missing', 'warning', 'reproducibility', 'Random seed not set'),
  C('hardcoded-path', 'error', 'reproducibility', 'Hard-coded path'),
  C('colab-only-code', 'warning', 'reproducibility', 'Colab-only code'),
  C('hardcoded-secret', 'error', 'reproducibility', 'Secret in the notebook'),
  C('pip-install-unpinned', 'warning', 'reproducibility', 'Unpinned install'),
  C('dependencies-undeclared', 'info', 'reproducibility', 'Undeclared dependency'),
  C('imports-not-at-top', 'warning', 'code', 'Import outside Setup'),
  C('unused-import', 'warning', 'code', 'Unused import'),
  C('duplicate-code', 'warning', 'code', 'Duplicated code'),
  C('debug-leftover', 'warning', 'code', 'Debugging leftover'),
  C('cell-too-long', 'info', 'code', 'Cell too long'),
  C('no-tests', 'info', 'code', 'No tests'),
  C('reinvented-library-function', 'info', 'code', 'Re-implemented library function'),
  C('empty-cell', 'info', 'code', 'Empty cell'),
  C('markdown-syntax', 'warning', 'documentation', 'Markdown syntax'),
  C('broken-link', 'warning', 'documentation', 'Broken link'),
  C('title-and-name', 'warning', 'documentation', 'Title and file name'),
  C('required-section-missing', 'warning', 'documentation', 'Required section missing'),
  C('introduction-incomplete', 'info', 'documentation', 'Introduction incomplete'),
  C('documentation-density', 'warning', 'documentation', 'Too little explanation'),
  C('acknowledgment-missing', 'warning', 'documentation', 'Acknowledgment missing'),
  C('placeholder-text', 'warning', 'documentation', 'Unfinished text'),
  C('tracking-link-missing', 'error', 'tracking', 'Tracking link missing'),
  C('tracking-link-unusable', 'warning', 'tracking', 'Tracking link unusable'),
  C('tracking-unused', 'warning', 'tracking', 'Training without tracking'),
  C('tracked-run-mismatch', 'warning', 'tracking', 'Linked run is not the tracked one'),
  C('tracked-config-mismatch', 'warning', 'tracking', 'Hyper-parameters differ'),
  C('reported-metric-mismatch', 'error', 'tracking', 'Reported metric not supported'),
];

export const CHECK_IDS: string[] = CATALOGUE.map((c) => c.id);
const BY_ID = new Map(CATALOGUE.map((c) => [c.id, c]));

export function checkInfo(id: string): CheckInfo | undefined {
  return BY_ID.get(id);
}
