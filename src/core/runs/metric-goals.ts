// The `runlens.metricGoals` setting as the core uses it: metric key → "min" | "max", the direction of `best`
// for that metric over the run's declaration and the name rule (objective.ts metricGoal, ColumnOptions.goals,
// compileQuery's goals). Pure, so the reader's checks are unit-tested without VS Code.
import type { Goal } from './declared-objective';

export interface MetricGoalsReading {
  goals: Record<string, Goal>;
  /** Entries that were ignored, and why (for the log). */
  problems: string[];
}

export function parseMetricGoals(raw: unknown): MetricGoalsReading {
  const goals: Record<string, Goal> = Object.create(null);
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { goals, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { goals, problems: ['runlens.metricGoals must be an object of metric key → "min" or "max"'] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const goal = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (!key.trim()) problems.push('runlens.metricGoals: an empty metric key is ignored');
    else if (goal === 'min' || goal === 'max') goals[key.trim()] = goal;
    else problems.push(`runlens.metricGoals: ${JSON.stringify(key)} must be "min" or "max", not ${JSON.stringify(value)}`);
  }
  return { goals, problems };
}
