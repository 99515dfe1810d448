import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogHub, roundNumber } from '../../../agent/log.js';
import { LogRing } from '../../../agent/log-ring.js';
import { redactFrame } from '../../../agent/ocpp/frame-trace.js';

function capture() {
  const lines: string[] = [];
  return { lines, dest: { write: (s: string) => void lines.push(s) } };
}

test('a child of a child writes one module key, the innermost', () => {
  const { lines, dest } = capture();
  const { log } = createLogHub({ level: 'info', pretty: false }, dest);
  log.child({ module: 'station' }).child({ module: 'evse:1' }).info('x');
  log.child({ module: 'control' }).child({ module: 'control' }).child({ other: 1 }).info('y');
  assert.equal(lines.length, 2);
  for (const l of lines) assert.equal(l.match(/"module":/g)?.length, 1, l);
  assert.equal(JSON.parse(lines[0]!).module, 'evse:1');
  assert.equal(JSON.parse(lines[1]!).module, 'control');
  assert.equal(JSON.parse(lines[1]!).other, 1);
});

test('numbers in log fields are rounded (0.1 + 0.2 logs 0.3), nested ones too, without touching the caller object', () => {
  const { lines, dest } = capture();
  const { log } = createLogHub({ level: 'info', pretty: false }, dest);
  const obj = { a: 0.1 + 0.2, nested: { powerW: 1234.56789, list: [1.23456, 7] }, tiny: 0.000123456, n: 42, s: '0.30000000000000004' };
  log.info(obj, 'm');
  const out = JSON.parse(lines[0]!);
  assert.equal(out.a, 0.3);
  assert.equal(out.nested.powerW, 1234.568);
  assert.deepEqual(out.nested.list, [1.235, 7]);
  assert.equal(out.tiny, 0.000123);
  assert.equal(out.n, 42);
  assert.equal(out.s, '0.30000000000000004', 'strings are left alone');
  assert.equal(obj.a, 0.1 + 0.2, 'the caller object is not modified');
  assert.ok(!lines[0]!.replace(out.s, '').includes('0000000000'), 'no float noise outside the string field');
  assert.equal(roundNumber(-2.0004), -2);
  assert.equal(roundNumber(Number.NaN), Number.NaN);
});

test('every line also lands in the logger ring; two hubs have two rings', () => {
  const a = createLogHub({ level: 'info', pretty: false }, capture().dest);
  const b = createLogHub({ level: 'info', pretty: false }, capture().dest);
  a.log.info('one');
  a.log.info('two');
  b.log.info('three');
  assert.deepEqual(a.ring.since(0).map((l) => JSON.parse(l.line).msg), ['one', 'two']);
  assert.deepEqual(a.ring.since(1).map((l) => l.seq), [2]);
  assert.deepEqual(b.ring.since(0).map((l) => JSON.parse(l.line).msg), ['three']);
});

test('the ring is bounded by lines and by bytes, and seq keeps counting', () => {
  const r = new LogRing(3, 1000);
  for (let i = 1; i <= 5; i++) r.push(`line ${i}\n`);
  assert.deepEqual(r.since(0), [
    { seq: 3, line: 'line 3' },
    { seq: 4, line: 'line 4' },
    { seq: 5, line: 'line 5' },
  ]);
  assert.equal(r.last, 5);
  const b = new LogRing(100, 25);
  for (let i = 0; i < 10; i++) b.push('x'.repeat(10));
  assert.equal(b.since(0).length, 2, '25 bytes hold two 10-byte lines');
  assert.deepEqual(b.since(0, 1).map((l) => l.seq), [10]);
  for (let i = 0; i < 5000; i++) b.push('y');
  assert.equal(b.since(0).length, 25);
  assert.equal(b.last, 5010);
});

test('frame redaction: ChangeConfiguration of AuthorizationKey, SetVariables of BasicAuthPassword, configured secrets', () => {
  const cc = redactFrame(JSON.stringify([2, 'a', 'ChangeConfiguration', { key: 'AuthorizationKey', value: 'TopSecretValue' }]));
  assert.ok(!cc.includes('TopSecretValue'));
  assert.deepEqual(JSON.parse(cc)[3], { key: 'AuthorizationKey', value: '[redacted]' });
  const other = JSON.stringify([2, 'b', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }]);
  assert.equal(redactFrame(other), other);
  const sv = redactFrame(JSON.stringify([2, 'c', 'SetVariables', { setVariableData: [{ attributeValue: 'pw2', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] }]));
  assert.ok(!sv.includes('pw2'));
  assert.equal(redactFrame('[3,"d",{"x":"my-basic-pw"}]', ['my-basic-pw']), '[3,"d",{"x":"[redacted]"}]');
  assert.equal(redactFrame('not json my-basic-pw', ['my-basic-pw']), 'not json [redacted]');
});
