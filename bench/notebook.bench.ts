// Notebook readiness budget (DESIGN.md §5: a 2 MB notebook in ≤ 200 ms). A realistic notebook is
// generated under bench/.work: markdown sections, code cells with imports, training loops and magics,
// stream logs, HTML tables and base64 figures, about 2 MB in all. The analysis is measured as it ships
// (bundled by esbuild, like dist/cli.js and the extension). "cold" is the first analysis in a fresh
// process (lezer and the checks not yet JIT-compiled); "warm" re-analyses fresh variants (every code
// cell changed, so the per-cell cache never hits).
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBundled } from './bundled';

type Analyse = typeof import('../src/core/notebook/analyse');

const BUDGET_MS = 200;
const TARGET_BYTES = 2 * 1024 * 1024;


// Code cells rotate through the kinds a course notebook has (setup, data, model, training, evaluation,
// helpers), with distinct names, so the workload is not 200 copies of one cell.
const TEMPLATES: ((i: number) => string[])[] = [
  (i) => [`import numpy as np`, `import torch${i}`, `%pip install transformers==4.46.2 datasets`, `SEED_${i} = ${i}`, `torch.manual_seed(SEED_${i})`],
  (i) => [`df_${i} = pd.read_csv("data/part_${i}.csv")`, `df_${i} = df_${i}.dropna()`, `texts_${i} = df_${i}["text"].tolist()`, `labels_${i} = df_${i}["label"].values`, `print(len(texts_${i}), labels_${i}.mean())`],
  (i) => [`class Model${i}(nn.Module):`, `    def __init__(self, hidden=${64 + i}):`, `        super().__init__()`, `        self.encoder = nn.LSTM(300, hidden, batch_first=True)`, `        self.head = nn.Linear(hidden, 2)`, ``, `    def forward(self, x):`, `        out, _ = self.encoder(x)`, `        return self.head(out[:, -1])`],
  (i) => [`def train_${i}(model, loader, epochs=${(i % 4) + 1}):`, `    for epoch in range(epochs):`, `        for batch in loader:`, `            loss = model(batch).loss`, `            loss.backward()`, `            optimizer.step()`, `            optimizer.zero_grad()`, `        wandb.log({"epoch": epoch, "loss": loss.item()})`, `    return model`],
  (i) => [`preds_${i} = model.predict(X_test_${i})`, `acc_${i} = accuracy_score(y_test, preds_${i})`, `print(f"accuracy {acc_${i}:.4f}")`, `plt.figure(figsize=(6, 4))`, `plt.plot(history_${i}["loss"], label="loss")`, `plt.legend()`, `plt.show()`],
  (i) => [`def helper_${i}(text: str) -> list[str]:`, `    """Lower-case and split one review (${i})."""`, `    tokens = [t for t in text.lower().split() if t not in stop_words]`, `    return tokens[: ${100 + i}]`, ``, `vocab_${i} = {w for t in texts for w in helper_${i}(t)}`],
];

function codeCell(i: number, variant: number): object {
  const source = [`# cell ${i} (variant ${variant})`, ...TEMPLATES[i % TEMPLATES.length](i)].join('\n');
  const log = Array.from({ length: 40 }, (_, k) => `epoch ${k} loss ${(1 / (k + 1)).toFixed(5)} eval_accuracy ${(0.5 + k / 100).toFixed(4)}\n`).join('');
  const outputs: object[] = [{ output_type: 'stream', name: 'stdout', text: log }];
  if (i % 2 === 0) outputs.push({ output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo'.padEnd(16_000, 'A'), 'text/plain': '<Figure size 640x480>' } });
  if (i % 4 === 0) outputs.push({ output_type: 'display_data', metadata: {}, data: { 'text/html': `<table>${'<tr><td>test_accuracy</td><td>0.61651</td></tr>'.repeat(40)}</table>`, 'text/plain': '<HTML>' } });
  return { cell_type: 'code', id: `code-${i}`, metadata: {}, execution_count: i + 1, source: source.split(/(?<=\n)/), outputs };
}

function generate(variant: number): string {
  const cells: object[] = [{ cell_type: 'markdown', id: 'title', metadata: {}, source: '# Benchmark notebook\n\n## Introduction\nWe train a model on the IMDB dataset; accuracy of 61.65% (https://wandb.ai/team/proj/runs/abcd1234).' }];
  let i = 0;
  for (let size = 0; size < TARGET_BYTES; i++) {
    if (i % 3 === 0) cells.push({ cell_type: 'markdown', id: `md-${i}`, metadata: {}, source: `## Part ${i}\nThis part trains variant ${i}; see [run](https://wandb.ai/team/proj/runs/r${i}). ~~old~~ text.` });
    const cell = codeCell(i, variant);
    cells.push(cell);
    size += JSON.stringify(cell).length;
  }
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python', version: '3.11' } }, cells }, null, 1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const { analyseNotebookText } = loadBundled<Analyse>('src/core/notebook/analyse.ts', 'notebook-analyse');
const texts = Array.from({ length: 6 }, (_, v) => generate(v));
const work = path.join(__dirname, '.work');
writeFileSync(path.join(work, 'notebook-2mb.ipynb'), texts[0]);
const mb = (texts[0].length / 1024 / 1024).toFixed(2);

// CPU time next to wall time: on a shared, loaded machine wall time mostly measures the queue
let cpu = process.cpuUsage();
let t = performance.now();
const first = analyseNotebookText(texts[0], 'benchmark_notebook.ipynb');
const cold = performance.now() - t;
const coldCpu = process.cpuUsage(cpu);
const codeLines = (JSON.parse(texts[0]).cells as { cell_type: string; source: string[] }[]).filter((c) => c.cell_type === 'code').reduce((n, c) => n + c.source.length, 0);
const warm: number[] = [];
const warmCpu: number[] = [];
for (const text of texts.slice(1)) {
  cpu = process.cpuUsage();
  t = performance.now();
  analyseNotebookText(text, 'benchmark_notebook.ipynb');
  warm.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  warmCpu.push((used.user + used.system) / 1000);
}
console.log(`notebook readiness ${mb} MB (${first.cellCount} cells, ${codeLines} code lines, ${first.findings.length} findings), cold: ${cold.toFixed(0)} ms wall, ${((coldCpu.user + coldCpu.system) / 1000).toFixed(0)} ms CPU (target <= ${BUDGET_MS} ms)`);
console.log(`notebook readiness ${mb} MB, warm median: ${median(warm).toFixed(0)} ms wall, ${median(warmCpu).toFixed(0)} ms CPU (target <= ${BUDGET_MS} ms)`);
console.log(`load average while measuring: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
t = performance.now();
analyseNotebookText(texts[0], 'benchmark_notebook.ipynb');
console.log(`notebook readiness ${mb} MB, re-analysis after no change (per-cell cache): ${(performance.now() - t).toFixed(0)} ms`);
// the editor re-analyses warm (debounced edits); the budget is judged there, the cold figure is reported
if (median(warm) > BUDGET_MS) process.exitCode = 1;
