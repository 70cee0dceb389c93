import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFloatToken, jsonNumber, formatNumber } from '../../../src/core/util/numbers';
import { parseTolerantJson } from '../../../src/core/util/tolerant-json';
import { ProtoError, ProtoReader } from '../../../src/core/util/proto-wire';
import { loadSqlJs } from '../../../src/core/util/sqljs';
import { contextKey, seriesLabel } from '../../../src/core/model';
import { repoRoot } from '../../helpers/corpus';

test('python float tokens map to NaN and infinities', () => {
  assert.ok(Number.isNaN(parseFloatToken('nan')!));
  assert.equal(parseFloatToken('inf'), Infinity);
  assert.equal(parseFloatToken('-Infinity'), -Infinity);
  assert.equal(parseFloatToken('+INF'), Infinity);
  assert.equal(parseFloatToken('1e-05'), 1e-5);
  assert.equal(parseFloatToken(''), undefined);
  assert.equal(parseFloatToken('abc'), undefined);
});

test('json numbers carry specials as strings', () => {
  assert.equal(jsonNumber(NaN), 'NaN');
  assert.equal(jsonNumber(-Infinity), '-Infinity');
  assert.equal(jsonNumber(2.5), 2.5);
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(0.123456), '0.1235');
});

test('tolerant JSON accepts bare NaN/Infinity but not inside strings', () => {
  const v = parseTolerantJson('{"a": NaN, "b": -Infinity, "c": "NaN Infinity", "d": [Infinity]}') as Record<string, unknown>;
  assert.ok(Number.isNaN(v.a as number));
  assert.equal(v.b, -Infinity);
  assert.equal(v.c, 'NaN Infinity');
  assert.deepEqual(v.d, [Infinity]);
  assert.throws(() => parseTolerantJson('{"a": }'));
});

test('tolerant JSON: bare numbers (the fast path) parse as JSON.parse does; damaged ones still throw', () => {
  for (const t of ['0', '-0', '12', '0.8414709848078965', '-1.5e-300', '1e400', '3.0']) assert.ok(Object.is(parseTolerantJson(t), JSON.parse(t)), t);
  assert.equal(parseTolerantJson('-Infinity'), -Infinity);
  assert.throws(() => parseTolerantJson('1.2.3'));
  assert.throws(() => parseTolerantJson('-[[1]'));
});

test('proto strings: ASCII and UTF-8 both decode, and a length past the message throws', () => {
  const enc = new TextEncoder();
  for (const s of ['', 'loss', 'train/loss_é', '损失', 'x'.repeat(300), `${'y'.repeat(255)}ü`]) {
    const b = enc.encode(s);
    const msg = new Uint8Array([...varint(b.length), ...b]);
    assert.equal(new ProtoReader(msg).string(), s);
  }
  assert.throws(() => new ProtoReader(new Uint8Array([5, 0x61])).string(), ProtoError);
});

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

test('context keys are canonical', () => {
  assert.equal(contextKey({ b: 1, a: 'x' }), '{"a":"x","b":1}');
  assert.equal(contextKey({}), '{}');
  assert.equal(seriesLabel({ key: 'f1', context: { lang: 'de' } }), 'f1 · lang=de');
});

test('sql.js loads', async () => {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  assert.deepEqual(db.exec('SELECT 1+1')[0].values, [[2]]);
});

test('src/core never imports vscode', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.ts$/.test(name) && /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(p, 'utf8')))
        offenders.push(p);
    }
  };
  walk(path.join(repoRoot, 'src', 'core'));
  assert.deepEqual(offenders, []);
});
