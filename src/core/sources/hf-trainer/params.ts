// Params of a Trainer run. TrainingArguments live only in training_args.bin, a pickle we never
// parse, so what can be shown is the model config (config.json), the PEFT adapter config
// (adapter_config.json), the few Trainer settings trainer_state.json keeps, and trial_params of a
// hyperparameter search.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { flattenParams, paramText } from '../../util/flatten-params';
import { parseTolerantJson } from '../../util/tolerant-json';
import { errorMessage, readRegularFile } from '../../util/fs';
import type { TrainerState } from './trainer-state';

const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** trainer_state.json fields that are settings of the run rather than results. */
const STATE_PARAM_KEYS = ['train_batch_size', 'logging_steps', 'eval_steps', 'save_steps', 'num_train_epochs', 'max_steps'];

export interface ParamsResult {
  params: Record<string, string>;
  warnings: string[];
}

/**
 * `folders` are searched in order (output dir first, then the authoritative checkpoint) for each
 * config file; the first copy found is used.
 */
export async function readRunParams(folders: string[], state: TrainerState | undefined): Promise<ParamsResult> {
  const params: Record<string, string> = {};
  const warnings: string[] = [];
  const config = await firstJson(folders, 'config.json', warnings);
  if (config !== undefined) flattenParams(config, '', params);
  const adapter = await firstJson(folders, 'adapter_config.json', warnings);
  if (adapter !== undefined) {
    // plain keys like config.json; an adapter key that collides with a model key is prefixed
    for (const [k, v] of Object.entries(flattenParams(adapter))) params[k in params ? `adapter.${k}` : k] = v;
  }
  if (state) {
    for (const key of STATE_PARAM_KEYS) {
      const v = state.raw[key];
      if (typeof v === 'number') params[key] = paramText(v);
    }
    // hyperparameter-search trials: the values the search picked are the run's real hyperparameters
    const trial = state.raw.trial_params;
    if (trial && typeof trial === 'object' && !Array.isArray(trial)) flattenParams(trial, '', params);
  }
  return { params, warnings };
}

async function firstJson(folders: string[], name: string, warnings: string[]): Promise<unknown> {
  for (const folder of folders) {
    const file = path.join(folder, name);
    let text: string;
    try {
      const st = await fsp.stat(file);
      if (!st.isFile()) continue;
      if (st.size > MAX_CONFIG_BYTES) {
        warnings.push(`${name}: too large to read (${st.size} bytes)`);
        return undefined;
      }
      text = await readRegularFile(file).then((b) => b.toString('utf8'));
    } catch {
      continue;
    }
    try {
      return parseTolerantJson(text);
    } catch (err) {
      // a broken copy: say so and try the next folder's copy
      warnings.push(`${path.relative(folders[0], file)}: invalid JSON (${errorMessage(err)})`);
    }
  }
  return undefined;
}
