// Runs written by both MLflow writers in the round-trip tests: every edge case the corpus
// lacks (NaN/±Inf, unicode, '/' in keys, >6000-char values, all statuses, deleted runs).
import type { WriterRun } from '../../../src/demo/writers/types';

export const T0 = 1_700_000_000_000;
export const LONG_VALUE = 'x'.repeat(6500) + ' tail ';

export const RUN_IDS = {
  alpha: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  beta: 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2',
  live: 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
  gone: 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4',
  queued: 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5',
};

export function sampleRuns(): WriterRun[] {
  return [
    {
      id: RUN_IDS.alpha,
      name: 'alpha',
      experiment: 'vision',
      status: 'finished',
      startTime: T0,
      endTime: T0 + 60_000,
      params: {
        lr: '0.01',
        optimizer: 'adam ', // trailing whitespace is part of the value
        long_value: LONG_VALUE,
        'model/depth': '12',
        'größe_ключ': 'значение ✓ 日本',
        shape: '[224, 224, 3]',
      },
      tags: {
        'mlflow.source.name': 'train.py',
        'mlflow.source.git.commit': '0123456789abcdef0123456789abcdef01234567',
        'team/owner': 'ana\nline two',
      },
      metrics: [
        {
          key: 'loss',
          points: [
            { step: 0, value: 2.5, time: T0 + 1000 },
            { step: 1, value: NaN, time: T0 + 2000 },
            { step: 2, value: Infinity, time: T0 + 3000 },
            { step: 3, value: -Infinity, time: T0 + 4000 },
            { step: 4, value: 1e-5, time: T0 + 5000 },
            { step: 4, value: 0.30000000000000004, time: T0 + 6000 },
          ],
        },
        {
          key: 'val/acc',
          points: [
            { step: 10, value: 0.5, time: T0 + 1500 },
            { step: 5, value: 0.75, time: T0 + 2500 }, // steps may go backwards (resume)
          ],
        },
        { key: 'métrique ü', points: [{ step: 0, value: -3, time: T0 + 100 }] },
      ],
    },
    {
      id: RUN_IDS.beta,
      name: 'beta',
      experiment: 'vision',
      status: 'failed',
      startTime: T0 + 100_000,
      endTime: T0 + 101_000,
      params: { lr: '0.1' },
      tags: {},
      metrics: [{ key: 'loss', points: [{ step: 0, value: 9.75, time: T0 + 100_500 }] }],
    },
    {
      id: RUN_IDS.live,
      name: 'still-going',
      experiment: 'Default',
      status: 'running',
      startTime: T0 + 200_000,
      params: {},
      tags: { 'mlflow.parentRunId': RUN_IDS.alpha },
      metrics: [],
    },
    {
      id: RUN_IDS.gone,
      name: 'removed',
      experiment: 'vision',
      status: 'killed',
      startTime: T0 + 300_000,
      endTime: T0 + 300_500,
      params: { lr: '1' },
      tags: {},
      metrics: [{ key: 'loss', points: [{ step: 0, value: 1, time: T0 + 300_100 }] }],
      deleted: true,
    },
    {
      id: RUN_IDS.queued,
      name: 'queued',
      experiment: 'nlp',
      status: 'scheduled',
      startTime: T0 + 400_000,
      params: {},
      tags: {},
      metrics: [],
    },
  ];
}
