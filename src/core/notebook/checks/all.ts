// Every check, in catalogue order (one file per check family).
import { CHECK_IDS } from '../catalogue';
import { brokenLink, titleAndName, documentationDensity, acknowledgmentMissing, placeholderText, markdownSyntax } from './documentation';
import { colabOnlyCode, dependenciesUndeclared, pipInstallUnpinned } from './environment';
import { executionChecks } from './execution';
import { formatChecks } from './format';
import { cellTooLong, debugLeftover, duplicateCode, emptyCell, noTests, reinventedLibraryFunction } from './hygiene';
import { importsNotAtTop, unusedImport } from './imports';
import { hardcodedPath } from './paths';
import { staticRunBlocker } from './run-blocker';
import { hardcodedSecret } from './secrets';
import { seedMissing } from './seeds';
import { introductionIncomplete, requiredSectionMissing } from './sections';
import { reportedMetricMismatch, trackedConfigMismatch, trackedRunMismatch } from './tracked';
import { trackingLinkMissing, trackingLinkUnusable, trackingUnused } from './tracking';
import type { CheckDef } from './types';

const checks: CheckDef[] = [
  ...formatChecks,
  ...executionChecks,
  staticRunBlocker,
  seedMissing,
  hardcodedPath,
  colabOnlyCode,
  hardcodedSecret,
  pipInstallUnpinned,
  dependenciesUndeclared,
  importsNotAtTop,
  unusedImport,
  duplicateCode,
  debugLeftover,
  cellTooLong,
  noTests,
  reinventedLibraryFunction,
  emptyCell,
  markdownSyntax,
  brokenLink,
  titleAndName,
  requiredSectionMissing,
  introductionIncomplete,
  documentationDensity,
  acknowledgmentMissing,
  placeholderText,
  trackingLinkMissing,
  trackingLinkUnusable,
  trackingUnused,
  trackedRunMismatch,
  trackedConfigMismatch,
  reportedMetricMismatch,
];

const order = new Map(CHECK_IDS.map((id, i) => [id, i]));
export const ALL_CHECKS: CheckDef[] = checks.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
