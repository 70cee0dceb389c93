// The readers discovery asks, in order: a directory claimed by an earlier reader
// (DetectResult.stop / skip) is not offered to later ones.
import type { SourceFormat, SourceReader } from '../model';
import { aimReader } from './aim/aim-reader';
import { hfTrainerReader } from './hf-trainer/reader';
import { lightningCsvReader } from './lightning-csv/reader';
import { mlflowFileReader } from './mlflow-file';
import { mlflowDbReader } from './mlflow-db';
import { mlflowServerReader } from './mlflow-server';
import { optunaReader } from './optuna/reader';
import { tableReader } from './table/reader';
import { tensorboardReader } from './tensorboard/reader';
import { wandbReader } from './wandb/reader';

export const readers: SourceReader[] = [
  // one line per format, added by the format's folder:
  aimReader,
  mlflowFileReader,
  mlflowDbReader,
  hfTrainerReader,
  lightningCsvReader,
  optunaReader,
  tableReader,
  wandbReader,
  tensorboardReader,
  mlflowServerReader,
];

export function readerFor(format: SourceFormat): SourceReader | undefined {
  return readers.find((r) => r.format === format);
}
