/**
 * Load management end to end, on a real chargerd against the strict 1.6 CSMS, read through `chargerctl status
 * --json`: the configured site limit shared between two charging EVSEs, an EV that draws less (a smaller
 * onboard charger, `sim ev-limit`) leaving its unused share to the other and getting it back, and the failsafe
 * limit replacing a CSMS profile while the CSMS is out of reach.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidFrames, rig, startSession, type Rig } from './harness.js';

const offers = (r: Rig, want: [number, number], sources?: [string, string]) =>
  r.st.until(`offers ${want.join(' A / ')} A${sources ? ` (${sources.join(', ')})` : ''}`, (s) => {
    const got = [1, 2].map((id) => s.evses.find((x: any) => x.id === id));
    return got.every((e: any, i: number) => e.offeredCurrentA === want[i] && (sources === undefined || e.limitSource === sources[i]));
  }, 60_000);

describe('load management: the site limit shared, with reallocation', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-LOADMGMT', {
      evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 32, phases: 3 }],
      extra: { loadManagement: { siteLimitA: 40, rebalanceIntervalS: 10 } },
    });
  });
  after(() => r.close());

  test('two sessions share 40 A equally; an EV taking 8 A keeps 9, the other gets 31; then it gets its share back', async () => {
    await startSession(r, 1, 'LM-1');
    await r.st.until('EVSE 1 alone: its rating, under the 40 A site', (s) => s.evses[0].offeredCurrentA === 32);
    await startSession(r, 2, 'LM-2');
    await offers(r, [20, 20], ['site', 'site']);
    await r.st.ok('sim', 'ev-limit', '2', '8');
    await offers(r, [31, 9], ['site', 'site']);
    // The power is the last meter reading (every 5 s at most in a session), so it follows the offer a little later.
    const s = await r.st.until('EV 2 drawing 8 A and EV 1 its 31 A', (s) => s.evses[1].powerW === 8 * 230 * 3 && s.evses[0].powerW === 31 * 230 * 3);
    assert.deepEqual(s.evses.map((e: any) => e.offeredCurrentA), [31, 9]);
    await r.st.ok('sim', 'ev-limit', '2', '32');
    await offers(r, [20, 20], ['site', 'site']);
    assertValidFrames(r);
  });
});

describe('failsafe limit while the CSMS is out of reach', () => {
  let r: Rig;
  before(async () => {
    r = await rig('CP-FAILSAFE', {
      evses: [{ id: 1, maxCurrentA: 32, phases: 3 }, { id: 2, maxCurrentA: 32, phases: 3 }],
      extra: { loadManagement: { failsafe: { afterS: 3, limitA: 10 } } },
    });
  });
  after(() => r.close());

  test('a CSMS profile of 20 A gives way to the 10 A failsafe 3 s after the CSMS went; back, the profile counts again', async () => {
    await startSession(r, 1, 'FS-1');
    const startSchedule = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    const set = await r.call('SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: { chargingProfileId: 9, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute', chargingSchedule: { startSchedule, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 20 }] } },
    });
    assert.deepEqual(set, { status: 'Accepted' });
    await r.st.until('EVSE 1 at the profile', (s) => s.evses[0].offeredCurrentA === 20 && s.evses[0].limitSource === 'profile');
    const gone = Date.now();
    r.csms.setAccepting(false);
    await r.csms.disconnect(r.id);
    const s = await r.st.until('EVSE 1 at the failsafe', (s) => s.evses[0].offeredCurrentA === 10 && s.evses[0].limitSource === 'failsafe', 30_000);
    assert.ok(Date.now() - gone >= 2_900, `not before afterS (${Date.now() - gone} ms)`);
    assert.equal(s.evses[0].status, 'Charging');
    const text = await r.st.ok('status');
    assert.match(text, /EVSE 1: limited to 10 A by the failsafe limit \(CSMS out of reach\)/);
    r.csms.setAccepting(true);
    await r.csms.waitForConnection(r.id, 30_000);
    await r.st.until('EVSE 1 at the profile again', (s) => s.evses[0].offeredCurrentA === 20 && s.evses[0].limitSource === 'profile', 30_000);
    assertValidFrames(r);
  });
});
