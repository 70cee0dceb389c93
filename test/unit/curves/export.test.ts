import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregatedCsv, bandPathData, chartSvg, csvField, pathData, rawCurvesCsv } from '../../../src/core/curves';

test('CSV fields: quoting, NaN and infinities pandas can read, full precision', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(' lead'), '" lead"');
  assert.equal(csvField(NaN), 'nan');
  assert.equal(csvField(-Infinity), '-inf');
  assert.equal(csvField(0.1 + 0.2), '0.30000000000000004');
});

test('raw CSV: one row per point, bucket min/max and smoothed columns only when present', () => {
  const csv = rawCurvesCsv('step', [
    { chart: 'loss', series: 'loss', run: 'r, 1', runKey: 'k1', x: [0, 10], y: [1, Infinity] },
    { chart: 'loss', series: 'loss', run: 'r2', runKey: 'k2', x: [5], y: [NaN], min: [0.5], max: [2], smoothed: [0.7] },
  ]);
  assert.equal(
    csv,
    'chart,series,run,run_key,step,y,y_min,y_max,y_smoothed\r\n' +
      'loss,loss,"r, 1",k1,0,1,1,1,\r\n' +
      'loss,loss,"r, 1",k1,10,inf,inf,inf,\r\n' +
      'loss,loss,r2,k2,5,nan,0.5,2,0.7\r\n',
  );
  assert.equal(rawCurvesCsv('x', []), 'chart,series,run,run_key,x,y\r\n');
});

test('aggregated CSV names the centre and band in its header', () => {
  const csv = aggregatedCsv('epoch', 'median', 'minmax', [{ chart: 'f1', group: 'lr=3e-05', x: [1, 2], n: [4, 3], centre: [0.5, 0.6], lower: [0.4, 0.55], upper: [0.6, NaN] }]);
  assert.equal(csv, 'chart,group,epoch,n,median,minmax_lower,minmax_upper\r\nf1,lr=3e-05,1,4,0.5,0.4,0.6\r\nf1,lr=3e-05,2,3,0.6,0.55,nan\r\n');
});

test('SVG paths break at NaN like the chart does; bands close per unbroken stretch', () => {
  assert.equal(pathData([0, 0, 10, 5.555, NaN, 3, 20, 1, 30, 2]), 'M0 0 L10 5.56 M20 1 L30 2');
  assert.equal(pathData([NaN, NaN]), '');
  assert.equal(bandPathData([0, 1, 10, 2], [0, 5, 10, 6]), 'M0 1 L10 2 L10 6 L0 5 Z');
  assert.equal(bandPathData([0, 1, 10, NaN, 20, 2], [0, 5, 10, 6, 20, 7]), '', 'single points make no polygon');
});

test('chart SVG: escaped title, clip path, ticks, dashed and faint lines, bands', () => {
  const svg = chartSvg({
    width: 300,
    height: 200,
    title: 'f1 · lang=<de> & "x"',
    background: '#1e1e1e',
    foreground: '#ccc',
    muted: '#999',
    grid: '#444',
    area: { left: 40, top: 20, right: 290, bottom: 170 },
    xTicks: [{ at: 40, label: '0' }, { at: 290, label: '5000' }],
    yTicks: [{ at: 170, label: '0.5' }],
    xLabel: 'step',
    bands: [{ color: '#3794ff', opacity: 0.2, upper: [40, 30, 290, 25], lower: [40, 60, 290, 50] }],
    lines: [
      { color: '#3794ff', width: 2, points: [40, 45, 290, 37] },
      { color: '#f14c4c', width: 1.5, dash: [6, 3], opacity: 0.3, points: [40, 100, 290, 90] },
    ],
  });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="300" height="200"/);
  assert.ok(svg.includes('<title>f1 · lang=&lt;de&gt; &amp; &quot;x&quot;</title>'));
  assert.ok(svg.includes('<clipPath id="plot"><rect x="40" y="20" width="250" height="150"/></clipPath>'));
  assert.ok(svg.includes('<path d="M40 30 L290 25 L290 50 L40 60 Z" fill="#3794ff" fill-opacity="0.2" stroke="none"/>'));
  assert.ok(svg.includes('<path d="M40 45 L290 37" stroke="#3794ff" stroke-width="2"/>'));
  assert.ok(svg.includes('stroke-dasharray="6 3" stroke-opacity="0.3"'));
  assert.ok(svg.includes('>5000</text>') && svg.includes('>step</text>'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});
