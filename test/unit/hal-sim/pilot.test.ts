import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CABLE, evse, recordStates, SOCKET, startedStation } from './helpers.js';

describe('simulated control pilot', () => {
  test('plug → PWM on → C → PWM off → B → unplug → A', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, CABLE);
    const seen = recordStates(e);
    assert.equal(e.pilot.state, 'A');
    assert.equal(e.pilot.dutyCyclePercent, 100);

    station.plug(CABLE);
    assert.equal(e.pilot.state, 'B', 'B at once on plug');

    e.pilot.setOfferedCurrent(16);
    assert.equal(e.pilot.offeredCurrentA, 16);
    assert.ok(Math.abs(e.pilot.dutyCyclePercent - 160 / 6) < 1e-9);
    clock.advance(199);
    assert.equal(e.pilot.state, 'B', 'EV has not reacted yet');
    clock.advance(1);
    assert.equal(e.pilot.state, 'C', 'C after evReactionMs');

    e.pilot.setOfferedCurrent(0);
    assert.equal(e.pilot.dutyCyclePercent, 100);
    assert.equal(e.pilot.state, 'C', 'EV still in C until it reacts');
    clock.advance(200);
    assert.equal(e.pilot.state, 'B');

    let insideUnplug: string | null = null;
    e.pilot.events.on('state', (s) => (insideUnplug = s));
    station.unplug(CABLE);
    assert.equal(insideUnplug, 'A', 'state event fired inside unplug()');
    assert.equal(e.pilot.state, 'A');
    assert.deepEqual(seen, ['A>B', 'B>C', 'C>B', 'B>A']);
    await station.stop();
  });

  test('C needs both PWM and the wish to charge; the reaction runs from the moment both are true', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.setEvCharge(SOCKET, false);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(32);
    clock.advance(1000);
    assert.equal(e.pilot.state, 'B', 'EV does not want charge');
    station.setEvCharge(SOCKET, true);
    clock.advance(150);
    e.pilot.setOfferedCurrent(20); // a change of the offer does not restart the EV's reaction
    clock.advance(49);
    assert.equal(e.pilot.state, 'B');
    clock.advance(1);
    assert.equal(e.pilot.state, 'C');

    station.setEvCharge(SOCKET, false);
    assert.equal(e.pilot.state, 'C');
    clock.advance(200);
    assert.equal(e.pilot.state, 'B', 'EV pause → B after evReactionMs');
    assert.equal(station.state(SOCKET).evWantsCharge, false);
    await station.stop();
  });

  test('an offer that goes away before the EV reacts leaves the pilot in B', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordStates(e);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(16);
    clock.advance(100);
    e.pilot.setOfferedCurrent(0);
    clock.advance(1000);
    assert.equal(e.pilot.state, 'B');
    assert.deepEqual(seen, ['A>B']);
    await station.stop();
  });

  test('an offer below 6 A is no offer: PWM stays off and the EV stays in B', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(5);
    assert.equal(e.pilot.offeredCurrentA, 0);
    assert.equal(e.pilot.dutyCyclePercent, 100);
    clock.advance(5000);
    assert.equal(e.pilot.state, 'B');
    e.pilot.setOfferedCurrent(100);
    assert.equal(e.pilot.offeredCurrentA, 80, 'clamped');
    assert.equal(e.pilot.dutyCyclePercent, 96);
    await station.stop();
  });

  test('the EV reacts after a custom evReactionMs', async () => {
    const { station, clock } = await startedStation({ evReactionMs: 3000 });
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(16);
    clock.advance(2999);
    assert.equal(e.pilot.state, 'B');
    clock.advance(1);
    assert.equal(e.pilot.state, 'C');
    await station.stop();
  });

  test('setFault(): duty 0, state F while plugged, A without a car; a new offer leaves F', async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    const seen = recordStates(e);
    e.pilot.setFault();
    assert.equal(e.pilot.dutyCyclePercent, 0);
    assert.equal(e.pilot.state, 'A', 'nothing plugged reads A');
    station.plug(SOCKET);
    assert.equal(e.pilot.state, 'F');
    e.pilot.setOfferedCurrent(16);
    assert.equal(e.pilot.state, 'B');
    clock.advance(200);
    assert.equal(e.pilot.state, 'C');
    e.pilot.setFault();
    assert.equal(e.pilot.state, 'F', 'F at once from C');
    assert.equal(e.pilot.offeredCurrentA, 0);
    clock.advance(200); // the EV sees no PWM and opens S2
    e.pilot.setOfferedCurrent(0);
    assert.equal(e.pilot.state, 'B');
    assert.deepEqual(seen, ['A>F', 'F>B', 'B>C', 'C>F', 'F>B']);
    await station.stop();
  });

  test("fault 'pilot' reads E at once, whatever else happens, until cleared", async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(16);
    clock.advance(200);
    assert.equal(e.pilot.state, 'C');
    const seen = recordStates(e);
    station.injectFault(SOCKET, 'pilot');
    assert.equal(e.pilot.state, 'E');
    assert.deepEqual(station.state(SOCKET).faults, ['pilot']);
    station.unplug(SOCKET);
    assert.equal(e.pilot.state, 'E', 'shorted CP reads E with or without a car');
    station.plug(SOCKET);
    clock.advance(1000);
    assert.equal(e.pilot.state, 'E', 'the EV never sees PWM through a short');
    station.clearFaults(SOCKET);
    assert.equal(e.pilot.state, 'B', 'PWM is still commanded; the EV reacts after its delay');
    clock.advance(200);
    assert.equal(e.pilot.state, 'C');
    assert.deepEqual(seen, ['C>E', 'E>B', 'B>C']);
    assert.deepEqual(station.state(SOCKET).faults, []);
    await station.stop();
  });

  test("fault 'pilot-unreadable' reads F with a readError at once; clearing returns to the EV's real state", async () => {
    const { station, clock } = await startedStation();
    const e = evse(station, SOCKET);
    station.plug(SOCKET);
    e.pilot.setOfferedCurrent(16);
    clock.advance(200);
    assert.equal(e.pilot.state, 'C');
    assert.equal(e.pilot.readError, null);
    const seen = recordStates(e);
    station.injectFault(SOCKET, 'pilot-unreadable');
    assert.equal(e.pilot.state, 'F');
    assert.equal(e.pilot.readError, 'simulated ADC failure');
    assert.equal(e.pilot.offeredCurrentA, 16, 'only the measurement fails: the PWM still runs');
    assert.deepEqual(station.state(SOCKET).faults, ['pilot-unreadable']);
    station.unplug(SOCKET);
    assert.equal(e.pilot.state, 'F', 'an unreadable pilot cannot see the car leave');
    station.plug(SOCKET);
    clock.advance(1000);
    assert.equal(e.pilot.state, 'F');
    station.clearFaults(SOCKET);
    assert.equal(e.pilot.readError, null);
    assert.equal(e.pilot.state, 'C', 'the EV went to C behind the broken ADC');
    assert.deepEqual(seen, ['C>F', 'F>C']);
    await station.stop();
  });

  test('safeState() opens every contactor and switches every PWM off, synchronously, keeping F', async () => {
    const { station } = await startedStation();
    const s = evse(station, SOCKET);
    const c = evse(station, CABLE);
    s.pilot.setOfferedCurrent(16);
    s.contactor.close();
    c.pilot.setFault();
    c.contactor.close();
    station.safeState();
    assert.equal(s.pilot.dutyCyclePercent, 100);
    assert.equal(s.pilot.offeredCurrentA, 0);
    assert.equal(s.contactor.commandedClosed, false);
    assert.equal(s.contactor.feedbackClosed, false);
    assert.equal(c.pilot.dutyCyclePercent, 0, 'a pilot in F stays at -12 V');
    assert.equal(c.contactor.commandedClosed, false);
    await station.stop();
  });
});
