// Growable columns of one scalar tag: steps, values and wall times, appended in file order.
import type { SeriesPoints } from '../../model';

export class ScalarColumns {
  steps: Float64Array;
  values: Float64Array;
  /** Epoch milliseconds. */
  times: Float64Array;
  length = 0;

  constructor(capacity = 64) {
    this.steps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(step: number, value: number, timeMs: number): void {
    if (this.length === this.steps.length) this.grow();
    const i = this.length++;
    this.steps[i] = step;
    this.values[i] = value;
    this.times[i] = timeMs;
  }

  private grow(): void {
    const cap = this.steps.length * 2;
    const steps = new Float64Array(cap);
    const values = new Float64Array(cap);
    const times = new Float64Array(cap);
    steps.set(this.steps);
    values.set(this.values);
    times.set(this.times);
    this.steps = steps;
    this.values = values;
    this.times = times;
  }

  /** Hands out the points as views (no copy) and starts over empty: the caller owns them now. */
  take(): SeriesPoints {
    const out = {
      steps: this.steps.subarray(0, this.length),
      values: this.values.subarray(0, this.length),
      times: this.times.subarray(0, this.length),
    };
    this.steps = new Float64Array(64);
    this.values = new Float64Array(64);
    this.times = new Float64Array(64);
    this.length = 0;
    return out;
  }

  /** Copies out exactly `length` points. */
  toPoints(): SeriesPoints {
    return {
      steps: this.steps.slice(0, this.length),
      values: this.values.slice(0, this.length),
      times: this.times.slice(0, this.length),
    };
  }
}
