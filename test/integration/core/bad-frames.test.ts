/**
 * Malformed and unexpected OCPP-J frames from the CSMS (OCPP-J 1.6 §4), sent raw past ocpp-rpc's own checks, to
 * the real chargerd process. A CALL whose id can be read is answered with a CALLERROR of the 1.6 spelling and the
 * same id; anything else is ignored; none of it costs the connection.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoCsms } from '../../../agent/demo/csms.js';
import type { StationProcess } from '../../support/station-process.js';
import { assertValidFrames, captureRaw, rig, trackConnections, type ConnectionLog, type RawFrame, type Rig } from './harness.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const ID = 'CP-FRAMES';

describe('OCPP-J 1.6 bad frames against chargerd', { timeout: SUITE_TIMEOUT_MS }, () => {
  let rg: Rig;
  // Short names for rg.csms and rg.st; rg, not r: the tests use r for answers.
  let csms: DemoCsms;
  let st: StationProcess;
  let raw: RawFrame[];
  let connections: ConnectionLog;

  const call = (action: string, params: unknown = {}) => rg.call(action, params);
  const inbound = (from: number) => raw.slice(from).filter((f) => f.dir === 'in');

  /** Send one raw frame and resolve with the charge point's CALLRESULT/CALLERROR carrying `id`. */
  function replyTo(id: unknown, frame: string, timeoutMs = 5000): Promise<unknown[]> {
    const matches = (f: RawFrame) => f.dir === 'in' && Array.isArray(f.parsed) && (f.parsed[0] === 3 || f.parsed[0] === 4) && f.parsed[1] === id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        csms.off('raw', onRaw);
        reject(new Error(`no answer with id ${JSON.stringify(id)} within ${timeoutMs} ms to ${frame}`));
      }, timeoutMs);
      const onRaw = () => {
        const f = raw.find(matches);
        if (!f) return;
        clearTimeout(timer);
        csms.off('raw', onRaw);
        resolve(f.parsed as unknown[]);
      };
      csms.on('raw', onRaw);
      csms.sendRaw(ID, frame);
    });
  }

  /** The CALLERROR chargerd answers to `frame` (a CALL with a readable id). */
  async function callErrorFor(id: string, frame: string): Promise<{ code: string; description: string; details: unknown }> {
    const r = await replyTo(id, frame);
    assert.equal(r[0], 4, `a CALLERROR, got ${JSON.stringify(r)}`);
    assert.equal(r.length, 5, 'CALLERROR has 5 elements');
    assert.equal(typeof r[2], 'string');
    assert.equal(typeof r[3], 'string');
    assert.ok(typeof r[4] === 'object' && r[4] !== null && !Array.isArray(r[4]), 'errorDetails is an object');
    return { code: r[2] as string, description: r[3] as string, details: r[4] };
  }

  /**
   * Frames since `from` were ignored: a GetConfiguration sent afterwards is answered, and before its answer no
   * CALLRESULT/CALLERROR came back (chargerd answers a bad frame synchronously, so an answer would come first).
   */
  async function assertIgnoredSince(from: number): Promise<void> {
    const r = await call('GetConfiguration', { key: ['NumberOfConnectors'] });
    assert.equal(r.configurationKey[0].value, '2');
    const getConfId = [...csms.records].reverse().find((x) => x.dir === 'out' && x.kind === 'call' && x.action === 'GetConfiguration')!.messageId;
    const answers = inbound(from).filter((f) => Array.isArray(f.parsed) && (f.parsed[0] === 3 || f.parsed[0] === 4) && f.parsed[1] !== getConfId);
    assert.deepEqual(answers.map((f) => f.text), [], 'no answer to ignored frames');
    assert.equal(connections.disconnects, 0, 'the connection stayed up');
    assert.equal(connections.starts.length, 1, 'no reconnect');
  }

  before(async () => {
    rg = await rig(ID, {}, {}, (c) => {
      raw = captureRaw(c, ID);
      connections = trackConnections(c, ID);
    });
    ({ csms, st } = rg);
    await csms.waitFor('BootNotification');
    for (const c of [0, 1, 2]) await csms.waitFor('StatusNotification', (p) => p.connectorId === c);
  });

  after(async () => {
    await rg?.close();
  });

  afterEach(() => assertValidFrames(rg));

  test('CALL missing a required field → OccurenceConstraintViolation (1.6 spelling), same id, nothing changed', async () => {
    const e = await callErrorFor('bf-required', JSON.stringify([2, 'bf-required', 'ChangeConfiguration', { key: 'BlinkRepeat' }]));
    assert.equal(e.code, 'OccurenceConstraintViolation');
    assert.match(e.description, /value/);
    const e2 = await callErrorFor('bf-required-2', JSON.stringify([2, 'bf-required-2', 'ChangeAvailability', { type: 'Inoperative' }]));
    assert.equal(e2.code, 'OccurenceConstraintViolation');
    assert.equal((await st.evse(1)).status, 'Available');
  });

  test('CALL with a field of the wrong type → TypeConstraintViolation', async () => {
    const e = await callErrorFor('bf-type', JSON.stringify([2, 'bf-type', 'ChangeAvailability', { connectorId: '1', type: 'Inoperative' }]));
    assert.equal(e.code, 'TypeConstraintViolation');
    const e2 = await callErrorFor('bf-type-2', JSON.stringify([2, 'bf-type-2', 'GetConfiguration', { key: 'HeartbeatInterval' }]));
    assert.equal(e2.code, 'TypeConstraintViolation');
    assert.equal((await st.evse(1)).status, 'Available', 'the invalid ChangeAvailability was not executed');
  });

  test('CALL with a value outside its enumeration or length → PropertyConstraintViolation', async () => {
    const e = await callErrorFor('bf-enum', JSON.stringify([2, 'bf-enum', 'ChangeAvailability', { connectorId: 1, type: 'Sideways' }]));
    assert.equal(e.code, 'PropertyConstraintViolation');
    const e2 = await callErrorFor('bf-enum-2', JSON.stringify([2, 'bf-enum-2', 'Reset', { type: 'Medium' }]));
    assert.equal(e2.code, 'PropertyConstraintViolation');
    const longKey = 'K'.repeat(51); // ChangeConfiguration.key is CiString50
    const e3 = await callErrorFor('bf-length', JSON.stringify([2, 'bf-length', 'ChangeConfiguration', { key: longKey, value: '1' }]));
    assert.equal(e3.code, 'PropertyConstraintViolation');
    const s = await st.status();
    assert.equal(s.evses[0].status, 'Available');
    assert.equal(s.connection.state, 'open', 'the invalid Reset was not executed');
  });

  test('CALL with a property the PDU does not have → FormationViolation, and no change made', async () => {
    const e = await callErrorFor('bf-extra', JSON.stringify([2, 'bf-extra', 'ChangeConfiguration', { key: 'BlinkRepeat', value: '9', extra: true }]));
    assert.equal(e.code, 'FormationViolation');
    assert.match(e.description, /extra/);
    const r = await call('GetConfiguration', { key: ['BlinkRepeat'] });
    assert.notEqual(r.configurationKey[0].value, '9');
  });

  test('CALL that is not a proper RPC frame → FormationViolation with the same id', async () => {
    assert.equal((await callErrorFor('bf-payload', JSON.stringify([2, 'bf-payload', 'GetConfiguration', ['HeartbeatInterval']]))).code, 'FormationViolation');
    assert.equal((await callErrorFor('bf-payload-2', JSON.stringify([2, 'bf-payload-2', 'GetConfiguration', 'x']))).code, 'FormationViolation');
    assert.equal((await callErrorFor('bf-short', JSON.stringify([2, 'bf-short', 'GetConfiguration']))).code, 'FormationViolation');
    assert.equal((await callErrorFor('bf-action', JSON.stringify([2, 'bf-action', 42, {}]))).code, 'FormationViolation');
    const longId = 'x'.repeat(37); // message ids are at most 36 characters
    assert.equal((await callErrorFor(longId, JSON.stringify([2, longId, 'GetConfiguration', {}]))).code, 'FormationViolation');
  });

  test('CALL with a null payload is taken as an empty one (OCPP-J §4.2.1)', async () => {
    const r = await replyTo('bf-null', JSON.stringify([2, 'bf-null', 'ClearCache', null]));
    assert.deepEqual(r, [3, 'bf-null', { status: 'Accepted' }]);
  });

  test('CALL of an unknown action → NotImplemented', async () => {
    const e = await callErrorFor('bf-unknown', JSON.stringify([2, 'bf-unknown', 'FlyToTheMoon', {}]));
    assert.equal(e.code, 'NotImplemented');
    // Actions are case-sensitive (OCPP-J §4.2.1): a wrong case is an unknown action.
    const e2 = await callErrorFor('bf-case', JSON.stringify([2, 'bf-case', 'getconfiguration', {}]));
    assert.equal(e2.code, 'NotImplemented');
  });

  test('not JSON, not an array, no message type, unknown message type → ignored, the connection stays up', async () => {
    const from = raw.length;
    for (const frame of [
      'this is not JSON',
      '[2, "bf-truncated", "GetConfiguration", {',
      '{"messageType": 2}',
      '"just a string"',
      '[]',
      '["2", "bf-strtype", "GetConfiguration", {}]',
      '[2, 42, "GetConfiguration", {}]',
      '[7, "bf-type7", "GetConfiguration", {}]',
      '[5, "bf-type5", {}]',
    ]) {
      csms.sendRaw(ID, frame);
    }
    await assertIgnoredSince(from);
    assert.equal((await st.status()).connection.state, 'open');
  });

  test('CALLRESULT and CALLERROR for an unknown message id → ignored', async () => {
    const from = raw.length;
    csms.sendRaw(ID, JSON.stringify([3, 'nobody-asked', { status: 'Accepted' }]));
    csms.sendRaw(ID, JSON.stringify([4, 'nobody-asked-2', 'GenericError', 'stray', {}]));
    csms.sendRaw(ID, JSON.stringify([3, 'malformed-result']));
    csms.sendRaw(ID, JSON.stringify([4, 'malformed-error', 17]));
    await assertIgnoredSince(from);
  });

  test('after all of it: still the first connection, normal calls work', async () => {
    assert.deepEqual(await call('ChangeConfiguration', { key: 'BlinkRepeat', value: '4' }), { status: 'Accepted' });
    assert.equal((await call('GetConfiguration', { key: ['BlinkRepeat'] })).configurationKey[0].value, '4');
    assert.equal(connections.starts.length, 1);
    assert.equal(connections.disconnects, 0);
    assert.equal(csms.received('BootNotification').length, 1, 'no reboot either');
  });
});
