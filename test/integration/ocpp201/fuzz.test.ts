/**
 * Seeded hostile frames (test/support/fuzz-frames.ts, with the 2.0.1 dialect: its property names and near misses of
 * its payloads) sent raw by the strict 2.0.1 CSMS to the real chargerd process with the 2.0.1 profile and all its
 * handlers: the process never dies, the connection never drops, every CALL with a usable id gets exactly one
 * answer, every CALLERROR carries a part 4 §4.3 code name and a description within its 255 characters, every frame
 * the station sends on its own passes the OCA schemas, and a transaction still runs afterwards. Reset is left out of
 * the actions, and the near misses cannot change the station's behaviour (see DIALECT_201), for the same reason as
 * in the 1.6 test: a valid one would be obeyed, which is right but not this test's question.
 * CHARGERD_FUZZ_SEED replays another seed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ACTIONS } from '../../../profiles/ocpp201/generated/index.js';
import { DIALECT_201, frameGenerator, prng } from '../../support/fuzz-frames.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';
import { assertValidFrames, captureRaw, trackConnections, type ConnectionLog, type RawFrame, type Rig } from '../core/harness.js';
import { rig201 } from './harness.js';
import { assertStream, txEvents, waitEnded, waitStarted } from './tx-events.js';

// ocpp-rpc's own copy of the 2.0.1 schemas and its validator: the station's CALLRESULTs to frames the CSMS sent raw
// are not checked by its strict mode (it never made those calls), so they are checked here by the same code.
const require = createRequire(import.meta.url);
const ocppRpcValidators = require('ocpp-rpc/lib/standard-validators.js') as { subprotocol: string; validate(id: string, params: unknown): boolean }[];
const validator201 = ocppRpcValidators.find((v) => v.subprotocol === 'ocpp2.0.1')!;

const ID = 'CP201-FUZZ';
const FRAMES = 600;
const SEED = Number(process.env.CHARGERD_FUZZ_SEED ?? 201_2026);
// OCPP 2.0.1 part 4 §4.3 (RPC Framework Error Codes).
const CODES201 = ['FormatViolation', 'GenericError', 'InternalError', 'MessageTypeNotSupported', 'NotImplemented', 'NotSupported', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation', 'ProtocolError', 'RpcFrameworkError', 'SecurityError', 'TypeConstraintViolation'];

describe('fuzzed CSMS frames against chargerd (OCPP 2.0.1)', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  let raw: RawFrame[];
  let connections: ConnectionLog;

  before(async () => {
    rg = await rig201(ID, {}, (c) => {
      raw = captureRaw(c, ID);
      connections = trackConnections(c, ID);
    });
  });
  after(async () => {
    await rg?.close();
  });

  test(`${FRAMES} frames (seed ${SEED}): one answer per usable id with a 2.0.1 code; process and connection survive`, async (t) => {
    const from = raw.length;
    const next = frameGenerator(prng(SEED), ACTIONS.filter((a) => a !== 'Reset'), DIALECT_201);
    const expected = new Set<string>();
    let nearMisses = 0;
    const idsSent = new Map<string, number>();
    const actionOf = new Map<string, string>();
    for (let i = 0; i < FRAMES; i++) {
      const f = next(i);
      if (f.id) {
        expected.add(f.id);
        actionOf.set(f.id, JSON.parse(f.text as string)[2]);
      }
      const text = typeof f.text === 'string' ? f.text : f.text.toString('latin1');
      if (f.nearMiss) nearMisses++;
      const parsed = (() => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return undefined;
        }
      })();
      if (Array.isArray(parsed) && typeof parsed[1] === 'string') idsSent.set(parsed[1], (idsSent.get(parsed[1]) ?? 0) + 1);
      rg.csms.sendRaw(ID, text);
    }
    assert.ok(expected.size > FRAMES / 3, `most frames are CALLs with a usable id (${expected.size})`);
    // Handlers may await (the store, a NotifyReport's parts): answers need not come in order, so wait for all.
    const answered = () => raw.slice(from).filter((f) => f.dir === 'in' && Array.isArray(f.parsed) && (f.parsed[0] === 3 || f.parsed[0] === 4));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ids = new Set(answered().map((a) => (a.parsed as unknown[])[1]));
      if ([...expected].every((id) => ids.has(id)) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const storm = answered();
    // An ordinary call after the storm is answered as usual.
    const r = await rg.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] });
    assert.equal(r.getVariableResult[0].attributeStatus, 'Accepted');
    const seen = new Map<string, number>();
    const codes = new Map<string, number>();
    let results = 0;
    for (const a of storm) {
      const frame = a.parsed as unknown[];
      seen.set(frame[1] as string, (seen.get(frame[1] as string) ?? 0) + 1);
      if (frame[0] === 3) {
        results++;
        const action = actionOf.get(frame[1] as string)!;
        assert.doesNotThrow(() => validator201.validate(`urn:${action}.conf`, frame[2]), `the ${action} CALLRESULT to ${String(frame[1])} passes the OCA schema: ${a.text.slice(0, 300)}`);
        continue;
      }
      assert.ok(CODES201.includes(frame[2] as string), `2.0.1 code, got ${String(frame[2])} (seed ${SEED}): ${a.text.slice(0, 300)}`);
      assert.equal(typeof frame[3], 'string', `errorDescription is a string (seed ${SEED})`);
      assert.ok((frame[3] as string).length <= 255, `errorDescription within 255 characters (seed ${SEED})`);
      assert.ok(frame[4] !== null && typeof frame[4] === 'object' && !Array.isArray(frame[4]), `errorDetails is an object (seed ${SEED})`);
      codes.set(frame[2] as string, (codes.get(frame[2] as string) ?? 0) + 1);
    }
    for (const id of expected) assert.equal(seen.get(id), 1, `exactly one answer to ${id} (seed ${SEED})`);
    // A frame that is no valid CALL but whose id can be read (extra elements, an unknown message type, an id over
    // 36 characters) may be answered, as part 4 §4.2 allows (RpcFrameworkError, MessageTypeNotSupported): with a
    // CALLERROR, and never more often than frames with that id were sent.
    const errors = new Map<string, number>();
    for (const a of storm) if ((a.parsed as unknown[])[0] === 4) errors.set((a.parsed as unknown[])[1] as string, (errors.get((a.parsed as unknown[])[1] as string) ?? 0) + 1);
    for (const [id, n] of seen) if (!expected.has(id)) assert.ok(errors.get(id) === n && n <= (idsSent.get(id) ?? 0), `${JSON.stringify(id)}, not a usable CALL, answered ${n} times for ${idsSent.get(id) ?? 0} frames, only with CALLERRORs (seed ${SEED})`);
    // The near misses reach the handlers: some are valid and get a CALLRESULT, the rest errors of several kinds.
    assert.ok(nearMisses > 50, `near misses drawn (${nearMisses})`);
    assert.ok(results > 10, `valid near misses answered with a CALLRESULT (${results})`);
    for (const code of ['FormatViolation', 'NotImplemented', 'OccurrenceConstraintViolation', 'TypeConstraintViolation', 'PropertyConstraintViolation']) assert.ok(codes.has(code), `some ${code} among ${JSON.stringify([...codes])} (seed ${SEED})`);
    t.diagnostic(`${expected.size} usable CALLs (${nearMisses} near misses), ${results} CALLRESULTs, errors ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.equal(connections.disconnects, 0, 'the connection stayed up');
    assert.equal(connections.starts.length, 1, 'no reconnect');
    assert.equal(rg.st.proc?.exitCode ?? null, null, 'chargerd is running');
    assertValidFrames(rg);
  });

  test('a transaction still runs afterwards: Started, Updated, Ended by the same card, gap-free seqNo', async () => {
    const m = rg.mark();
    await rg.st.ok('sim', 'plug', '1');
    await rg.st.ok('sim', 'tag', '1', 'AFTER-FUZZ');
    const started = await waitStarted(rg, 1, m);
    assert.deepEqual(started.idToken, { idToken: 'AFTER-FUZZ', type: 'ISO14443' });
    const id = started.transactionInfo.transactionId as string;
    await rg.csms.waitFor('TransactionEvent', (p) => p.transactionInfo.transactionId === id && p.transactionInfo.chargingState === 'Charging', 10_000, m);
    await rg.st.ok('sim', 'tag', '1', 'AFTER-FUZZ');
    const ended = await waitEnded(rg, id, m);
    assert.equal(ended.transactionInfo.stoppedReason, 'Local');
    assertStream(txEvents(rg, id, m));
    await rg.st.ok('sim', 'unplug', '1');
    await rg.st.until('EVSE 1 available', (s) => s.evses[0].status === 'Available');
    assertValidFrames(rg);
  });
});
