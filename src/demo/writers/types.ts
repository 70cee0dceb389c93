// Shapes the format writers take. The writers make real-format folders for the demo workspace,
// for unit-test fixtures and for benchmark workloads; they follow ../shared/specs, not the tools' code.
import type { RunStatus } from '../../core/model';

export interface WriterPoint {
  step: number;
  value: number;
  /** Epoch milliseconds. */
  time: number;
}

export interface WriterMetric {
  key: string;
  points: WriterPoint[];
}

export interface WriterRun {
  id: string;
  name: string;
  experiment: string;
  status: RunStatus;
  /** Epoch milliseconds. */
  startTime: number;
  endTime?: number;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: WriterMetric[];
  deleted?: boolean;
}
