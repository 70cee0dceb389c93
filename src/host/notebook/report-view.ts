// Core report → the panel's view model (pure; no 'vscode', so it is unit-tested under plain Node).
import type { ReadinessReport } from '../../core/notebook/analyse';
import { CATALOGUE, checkInfo, SECTION_TITLES, type ChecklistSection } from '../../core/notebook/catalogue';
import { PROFILE_LABELS, PROFILES } from '../../core/notebook/profiles';
import type { ReadinessReportView } from '../../protocol/notebook';

const SECTION_ORDER = [...new Set(CATALOGUE.map((c) => c.section))] as ChecklistSection[];

export function toReportView(report: ReadinessReport, fileName: string, profileReason = ''): ReadinessReportView {
  return {
    fileName,
    profile: report.profile,
    profileReason,
    profiles: PROFILES.map((id) => ({ id, label: PROFILE_LABELS[id] })),
    verdict: report.verdict,
    cellCount: report.cellCount,
    findings: report.findings.map((f) => {
      const info = checkInfo(f.id);
      return {
        id: f.id,
        severity: f.severity,
        cell: f.cell,
        line: f.range?.line ?? null,
        message: f.message,
        section: info?.section ?? 'format',
        title: info?.title ?? f.id,
      };
    }),
    evidence: report.evidence,
    sections: SECTION_ORDER.map((id) => ({ id, title: SECTION_TITLES[id] })),
    elapsedMs: report.elapsedMs,
  };
}
