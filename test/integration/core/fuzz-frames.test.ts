/**
 * Seeded hostile frames (test/support/fuzz-frames.ts) sent raw by the CSMS to the real chargerd process with the
 * 1.6 profile and all its handlers: the process never dies, the connection never drops, every CALL with a usable
 * id gets exactly one answer in the 1.6 spellings, and the station still works afterwards. Reset is left out of
 * the action names: a payload that happened to be valid would restart the station, which is right but not this
 * test's question.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS } from '../../../profiles/ocpp16/generated/index.js';
import { frameGenerator, prng } from '../../support/fuzz-frames.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';
import { assertValidFrames, captureRaw, rig, trackConnections, type ConnectionLog, type RawFrame, type Rig } from './harness.js';

const ID = 'CP-FUZZ16';
const FRAMES = 600;
const SEED = Number(process.env.CHARGERD_FUZZ_SEED ?? 16_2026);
const CODES16 = ['NotImplemented', 'NotSupported', 'InternalError', 'ProtocolError', 'SecurityError', 'FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'GenericError'];

describe('fuzzed CSMS frames against chargerd (OCPP 1.6)', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  let raw: RawFrame[];
  let connections: ConnectionLog;

  before(async () => {
    rg = await rig(ID, {}, {}, (c) => {
      raw = captureRaw(c, ID);
      connections = trackConnections(c, ID);
    });
  });
  after(async () => {
    await rg?.close();
  });

  test(`${FRAMES} frames (seed ${SEED}): one answer per usable id in 1.6 spelling; process and connection survive`, async () => {
    const from = raw.length;
    const next = frameGenerator(prng(SEED), ACTIONS.filter((a) => a !== 'Reset'));
    const expected = new Set<string>();
    for (let i = 0; i < FRAMES; i++) {
      const f = next(i);
      if (f.id) expected.add(f.id);
      rg.csms.sendRaw(ID, typeof f.text === 'string' ? f.text : f.text.toString('latin1'));
    }
    // Handlers may await (the cable lock, the store): answers need not come in order, so wait for all of them.
    const answered = () => raw.slice(from).filter((f) => f.dir === 'in' && Array.isArray(f.parsed) && (f.parsed[0] === 3 || f.parsed[0] === 4));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ids = new Set(answered().map((a) => (a.parsed as unknown[])[1]));
      if ([...expected].every((id) => ids.has(id)) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // An ordinary call after the storm is answered as usual.
    const r = await rg.call('GetConfiguration', { key: ['NumberOfConnectors'] });
    assert.equal(r.configurationKey[0].value, '2');
    const answers = answered();
    const seen = new Map<string, number>();
    for (const a of answers) {
      const frame = a.parsed as unknown[];
      seen.set(frame[1] as string, (seen.get(frame[1] as string) ?? 0) + 1);
      if (frame[0] === 4) assert.ok(CODES16.includes(frame[2] as string), `1.6 code, got ${String(frame[2])} (seed ${SEED})`);
    }
    for (const id of expected) assert.equal(seen.get(id), 1, `exactly one answer to ${id} (seed ${SEED})`);
    assert.equal(connections.disconnects, 0, 'the connection stayed up');
    assert.equal(connections.starts.length, 1, 'no reconnect');
    assert.equal(rg.st.proc?.exitCode ?? null, null, 'chargerd is running');
    assertValidFrames(rg);
  });

  test('the station still charges afterwards', async () => {
    const m = rg.mark();
    await rg.st.ok('sim', 'plug', '1');
    await rg.st.ok('sim', 'tag', '1', 'AFTER-FUZZ');
    await rg.csms.waitFor('StartTransaction', (p) => p.idTag === 'AFTER-FUZZ', 10_000, m);
    await rg.st.ok('sim', 'tag', '1', 'AFTER-FUZZ');
    await rg.csms.waitFor('StopTransaction', () => true, 10_000, m);
    await rg.st.ok('sim', 'unplug', '1');
  });
});
