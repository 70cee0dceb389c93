// What a run's badge in the Runs view says: the worst of its findings (error for non-finite values and divergence,
// warning for the other curve warnings; info findings give no badge) and every reason, for the tooltip.
import type { Finding } from './types';

export interface RunBadge {
  severity: 'error' | 'warning';
  reasons: string[];
}

export function badgesOf(findings: readonly Finding[]): Map<string, RunBadge> {
  const out = new Map<string, RunBadge>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const b = out.get(f.runId) ?? { severity: 'warning' as const, reasons: [] };
    if (f.severity === 'error') b.severity = 'error';
    b.reasons.push(`${f.rule} (${f.series}): ${f.message}`);
    out.set(f.runId, b);
  }
  return out;
}
