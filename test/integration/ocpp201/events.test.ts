/**
 * NotifyEvent for EVSE faults on a 2.0.1 station (N07 hard-wired notification, B07/B08 Problem): the real chargerd
 * process against the strict 2.0.1 CSMS, faults injected with `chargerctl sim fault`. Each raise and clear is one
 * NotifyEvent (seqNo 0) for EVSE.Problem with trigger Delta, HardWiredNotification and the error code as techCode;
 * the safety reaction is unchanged (contactor open, Faulted); a fault while offline is told after the reconnect.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { assertValidFrames, type Rig } from '../core/harness.js';
import { component, rig201, sent, variable } from './harness.js';
import { waitStarted } from './tx-events.js';

const problemEvents = (r: Rig, from: number, evseId: number) =>
  sent(r, 'NotifyEvent', from)
    .flatMap((p) => p.eventData.map((e: any) => ({ ...e, seqNo: p.seqNo })))
    .filter((e: any) => e.component.name === 'EVSE' && e.component.evse?.id === evseId && e.variable.name === 'Problem');

async function nthProblem(r: Rig, from: number, evseId: number, n: number): Promise<any[]> {
  await r.csms.waitFor('NotifyEvent', () => problemEvents(r, from, evseId).length >= n, 10_000, from);
  return problemEvents(r, from, evseId);
}

describe('2.0.1 NotifyEvent for faults', () => {
  let r: Rig;
  const problem = async (evseId: number): Promise<string> => {
    const res = await r.call('GetVariables', { getVariableData: [{ component: component('EVSE', { id: evseId }), variable: variable('Problem') }] });
    assert.equal(res.getVariableResult[0].attributeStatus, 'Accepted');
    return res.getVariableResult[0].attributeValue;
  };

  before(async () => {
    r = await rig201('CP201-EVENTS', { ocppKeys: { 'TxCtrlr.EVConnectionTimeOut': 600 } });
  });
  after(() => r.close());
  afterEach(() => assertValidFrames(r));

  it('an RCD trip while idle: NotifyEvent EVSE.Problem true (GroundFailure), cleared: Problem false with cleared true', async () => {
    const from = r.mark();
    assert.equal(await problem(1), 'false');
    await r.st.ok('sim', 'fault', '1', 'rcd');
    const [raised] = await nthProblem(r, from, 1, 1);
    assert.equal(raised.seqNo, 0, 'N07.FR.07: the first NotifyEvent of an event has seqNo 0');
    assert.equal(raised.trigger, 'Delta');
    assert.equal(raised.eventNotificationType, 'HardWiredNotification');
    assert.equal(raised.actualValue, 'true');
    assert.equal(raised.techCode, 'GroundFailure');
    assert.match(raised.techInfo, /^rcd: /);
    assert.equal(raised.cleared, undefined);
    assert.equal(raised.transactionId, undefined, 'no transaction on the EVSE');
    assert.ok(Number.isInteger(raised.eventId));
    assert.equal(await problem(1), 'true', 'the device model shows the same Problem');
    assert.equal(await problem(2), 'false', 'the other EVSE has none');
    await r.st.ok('sim', 'clear', '1');
    const [, cleared] = await nthProblem(r, from, 1, 2);
    assert.equal(cleared.actualValue, 'false');
    assert.equal(cleared.cleared, true);
    assert.equal(cleared.techCode, 'GroundFailure');
    assert.notEqual(cleared.eventId, raised.eventId, 'every event its own eventId');
    assert.equal(await problem(1), 'false');
    await r.st.until('EVSE 1 Available', (s) => s.evses[0].status === 'Available');
  });

  it('B08.FR.10 GetReport componentCriteria Problem reports the faulted EVSE only', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'fault', '2', 'pilot');
    await nthProblem(r, from, 2, 1);
    assert.equal((await r.call('GetReport', { requestId: 901, componentCriteria: ['Problem'] })).status, 'Accepted');
    const part = await r.csms.waitFor('NotifyReport', (p) => p.requestId === 901 && !p.tbc, 10_000, from);
    const problems = (part.payload as any).reportData.filter((d: any) => d.variable.name === 'Problem');
    assert.deepEqual(problems.map((d: any) => `${d.component.name}@${d.component.evse.id}=${d.variableAttribute[0].value}`), ['EVSE@2=true']);
    await r.st.ok('sim', 'clear', '2');
    await nthProblem(r, from, 2, 2);
  });

  it('a fault while charging: the contactor opens as before, the NotifyEvent names the transaction, the status says Faulted', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'plug', '1');
    await r.st.ok('sim', 'tag', '1', 'CARD-EV');
    const started = await waitStarted(r, 1, from);
    await r.st.until('charging', (s) => s.evses[0].relayClosed === true);
    await r.st.ok('sim', 'fault', '1', 'rcd');
    const s = await r.st.until('faulted', (x) => x.evses[0].status === 'Faulted');
    assert.equal(s.evses[0].relayClosed, false, 'the safety reaction is unchanged');
    const [raised] = await nthProblem(r, from, 1, 1);
    assert.equal(raised.transactionId, started.transactionInfo.transactionId);
    assert.equal(raised.techCode, 'GroundFailure');
    await r.csms.waitFor('StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Faulted', 5000, from);
    await r.st.ok('sim', 'clear', '1');
    await nthProblem(r, from, 1, 2);
    await r.st.ok('sim', 'unplug', '1');
    await r.st.until('EVSE 1 Available', (x) => x.evses[0].status === 'Available');
  });

  it('two faults on one EVSE: two raised events; clearing both ends with Problem false, the first clear still true', async () => {
    const from = r.mark();
    await r.st.ok('sim', 'fault', '2', 'pilot');
    await nthProblem(r, from, 2, 1);
    await r.st.ok('sim', 'fault', '2', 'rcd');
    const raised = await nthProblem(r, from, 2, 2);
    assert.deepEqual(raised.map((e) => [e.techCode, e.actualValue]), [['OtherError', 'true'], ['GroundFailure', 'true']]);
    await r.st.ok('sim', 'clear', '2');
    const all = await nthProblem(r, from, 2, 4);
    const clears = all.slice(2);
    assert.ok(clears.every((e) => e.cleared === true));
    assert.deepEqual(clears.map((e) => e.techCode).sort(), ['GroundFailure', 'OtherError']);
    assert.deepEqual(clears.map((e) => e.actualValue), ['true', 'false'], 'Problem stays true until the last fault clears');
    await r.st.until('EVSE 2 Available', (x) => x.evses[1].status === 'Available');
  });

  it('a fault while the CSMS is unreachable is told after the reconnect, in order with its clear', async () => {
    r.csms.setAccepting(false);
    await r.csms.disconnect(r.id);
    await r.st.until('disconnected', (s) => s.connection.state !== 'open');
    await r.st.ok('sim', 'fault', '1', 'rcd');
    await r.st.until('rcd fault', (s) => s.evses[0].faults.some((f: any) => f.source === 'rcd'));
    await r.st.ok('sim', 'clear', '1');
    await r.st.until('cleared', (s) => s.evses[0].faults.length === 0);
    const from = r.mark();
    r.csms.setAccepting(true);
    await r.csms.waitForConnection(r.id);
    const events = await nthProblem(r, from, 1, 2);
    assert.deepEqual(events.map((e) => [e.techCode, e.actualValue, e.cleared === true]), [['GroundFailure', 'true', false], ['GroundFailure', 'false', true]]);
    assert.ok(Date.parse(events[0].timestamp) <= Date.parse(events[1].timestamp), 'each with the time it happened');
  });
});
