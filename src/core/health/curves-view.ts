// The Curves view that shows a health finding or a checkpoint: its run alone, the step marked. A finding
// narrows the charts to its series; a checkpoint marks its step on every chart of the run (it is no one
// metric's). Both switch to the step axis, the axis the marker is a point of.
import type { CurvesViewState, StepMarker } from '../../protocol/curves';
import type { CheckpointEntry, Finding } from './types';

export function findingMarker(f: Finding): StepMarker {
  return { step: f.step, metric: f.series, label: f.rule };
}

/** undefined for a checkpoint whose step is unknown (nothing to mark). */
export function checkpointMarker(c: CheckpointEntry): StepMarker | undefined {
  if (c.step === null) return undefined;
  const name = c.path.split(/[\\/]/).filter(Boolean).pop() ?? c.path;
  return { step: c.step, metric: '', label: [name, ...c.markers].join(' · ') };
}

/** `base` (the open panel's view, or the default) on one run with the marker; zoom and filters reset. */
export function markedView(base: CurvesViewState, runKey: string, marker: StepMarker, metrics: string[] = []): CurvesViewState {
  return { ...base, runKeys: [runKey], query: '', hiddenRuns: [], metrics, filter: '', zoom: {}, xAxis: 'step', marker };
}

export const findingView = (base: CurvesViewState, f: Finding): CurvesViewState => markedView(base, f.runId, findingMarker(f), [f.series]);
