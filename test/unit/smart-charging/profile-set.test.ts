/**
 * The installed-profile set (agent/smart-charging/profile-set.ts): install/replace, ClearChargingProfile in
 * every combination, GetChargingProfiles queries, transaction binding and ending, pruning, and the JSON the
 * store will keep.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProfileSet } from '../../../agent/smart-charging/profile-set.js';
import type { ChargingProfile } from '../../../agent/smart-charging/types.js';
import { at, profile } from './helpers.js';

const T0 = at('2026-06-01T10:00:00Z');
const p = (over: Partial<ChargingProfile> & { id: number; purpose: ChargingProfile['purpose'] }) => profile(over, { startSchedule: T0, periods: [[0, 16]] });

/** EVSE 0: max (1), TxDefault (2, stack 0); EVSE 1: TxDefault stack 0 (3) and 1 (4), Tx (5); EVSE 2: TxDefault (6); EMS on 0 (7). */
function station(): ProfileSet {
  return new ProfileSet([
    p({ id: 1, purpose: 'ChargingStationMax', evseId: 0 }),
    p({ id: 2, purpose: 'TxDefault', evseId: 0 }),
    p({ id: 3, purpose: 'TxDefault', evseId: 1 }),
    p({ id: 4, purpose: 'TxDefault', evseId: 1, stackLevel: 1 }),
    p({ id: 5, purpose: 'Tx', evseId: 1, transactionId: 'tx-1' }),
    p({ id: 6, purpose: 'TxDefault', evseId: 2 }),
    p({ id: 7, purpose: 'ChargingStationExternalConstraints', evseId: 0, source: 'EMS' }),
  ]);
}
const ids = (ps: ChargingProfile[]) => ps.map((x) => x.id);

describe('installed profiles', () => {
  test('TC_K_04: the same id replaces, wherever it was', () => {
    const s = station();
    const replaced = s.install(p({ id: 3, purpose: 'TxDefault', evseId: 2, stackLevel: 2 }), 'reject');
    assert.deepEqual(ids(replaced), [3]);
    assert.equal(s.get(3)!.evseId, 2);
    assert.equal(s.size, 7);
  });

  test('1.6: same purpose and stackLevel on the same EVSE replaces (§3.13.2); a Tx profile of another transaction does not', () => {
    const s = station();
    assert.deepEqual(ids(s.install(p({ id: 10, purpose: 'TxDefault', evseId: 1, stackLevel: 1 }))), [4]);
    assert.deepEqual(ids(s.install(p({ id: 11, purpose: 'Tx', evseId: 1, transactionId: 'tx-2' }))), []);
    assert.deepEqual(ids(s.install(p({ id: 12, purpose: 'Tx', evseId: 1, transactionId: 'tx-1' }))), [5]);
  });

  test('TC_067 / TC_K_05: clear by id; ids of other criteria are then ignored (errata 3.25, K10.FR.03)', () => {
    const s = station();
    assert.deepEqual(ids(s.clear({ id: 4, purpose: 'ChargingStationMax' })), [4]);
    assert.deepEqual(ids(s.clear({ id: 4 })), [], 'already gone: the profile answers Unknown');
  });

  test('TC_067: clear by connector, by purpose, by stackLevel, and any combination (logical AND)', () => {
    assert.deepEqual(ids(station().clear({ evseId: 1 })), [3, 4, 5]);
    assert.deepEqual(ids(station().clear({ purpose: 'TxDefault' })), [2, 3, 4, 6]);
    assert.deepEqual(ids(station().clear({ stackLevel: 1 })), [4]);
    assert.deepEqual(ids(station().clear({ evseId: 1, purpose: 'TxDefault' })), [3, 4]);
    assert.deepEqual(ids(station().clear({ evseId: 1, purpose: 'TxDefault', stackLevel: 0 })), [3]);
    assert.deepEqual(ids(station().clear({ evseId: 0 })), [1, 2], 'EVSE 0 means the station\'s own, not every EVSE');
  });

  test('TC_K_06 / TC_K_24 / TC_K_07 / TC_K_08: stackLevel+purpose for one and several; unknown or empty → nothing', () => {
    assert.deepEqual(ids(station().clear({ stackLevel: 1, purpose: 'TxDefault' })), [4]);
    assert.deepEqual(ids(station().clear({ stackLevel: 0, purpose: 'TxDefault' })), [2, 3, 6]);
    assert.deepEqual(ids(station().clear({ stackLevel: 5, purpose: 'TxDefault' })), []);
    assert.deepEqual(ids(new ProfileSet().clear({})), []);
  });

  test('no criteria clears all but ExternalConstraints, which the CSMS cannot clear (K10.FR.04/08/09)', () => {
    const s = station();
    assert.deepEqual(ids(s.clear({})), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(ids(s.all()), [7]);
    assert.deepEqual(ids(s.clear({ id: 7 })), []);
    assert.deepEqual(ids(s.clear({ id: 7 }, { includeExternal: true })), [7]);
  });

  test('TC_K_29..36 / TC_K_52: GetChargingProfiles by EVSE, id, purpose, stackLevel and source (K09.FR.03-06)', () => {
    const s = station();
    assert.deepEqual(ids(s.query({ evseId: 0 })), [1, 2, 7]);
    assert.deepEqual(ids(s.query({ evseId: 1 })), [3, 4, 5]);
    assert.deepEqual(ids(s.query({})), [1, 2, 7, 3, 4, 5, 6]);
    assert.deepEqual(ids(s.query({ ids: [6, 1, 99] })), [1, 6]);
    assert.deepEqual(ids(s.query({ evseId: 1, stackLevel: 1 })), [4]);
    assert.deepEqual(ids(s.query({ evseId: 1, purpose: 'TxDefault' })), [3, 4]);
    assert.deepEqual(ids(s.query({ evseId: 1, purpose: 'TxDefault', stackLevel: 0 })), [3]);
    assert.deepEqual(ids(s.query({ sources: ['EMS'] })), [7]);
    assert.deepEqual(ids(s.query({ evseId: 1, sources: ['CSO'] })), [3, 4, 5]);
  });

  test('a transaction binds its unbound Tx profiles when it starts, and takes them along when it ends (K02.FR.05)', () => {
    const s = new ProfileSet([p({ id: 1, purpose: 'Tx', evseId: 1 }), p({ id: 2, purpose: 'Tx', evseId: 2 }), p({ id: 3, purpose: 'TxDefault', evseId: 1 })]);
    assert.deepEqual(ids(s.transactionStarted(1, 'tx-5')), [1]);
    assert.equal(s.get(1)!.transactionId, 'tx-5');
    assert.equal(s.get(2)!.transactionId, undefined);
    assert.deepEqual(ids(s.transactionEnded(1, 'tx-4')), [], 'another transaction: nothing');
    assert.deepEqual(ids(s.transactionEnded(1, 'tx-5')), [1]);
    assert.deepEqual(ids(s.all()), [3, 2]);
  });

  test('prune drops the profiles whose validTo has passed (K01.FR.37)', () => {
    const s = new ProfileSet([p({ id: 1, purpose: 'TxDefault', validTo: T0 }), p({ id: 2, purpose: 'TxDefault', stackLevel: 1, validTo: at('2026-06-02T00:00:00Z') }), p({ id: 3, purpose: 'TxDefault', stackLevel: 2 })]);
    assert.deepEqual(ids(s.prune(at('2026-06-01T09:59:59Z'))), []);
    assert.deepEqual(ids(s.prune(T0)), [1]);
    assert.deepEqual(ids(s.all()), [2, 3]);
  });

  test('TC_K_13 persistence: toJSON → JSON text → fromJSON gives the same profiles', () => {
    const s = station();
    const full = profile(
      { id: 20, purpose: 'TxDefault', evseId: 2, stackLevel: 3, kind: 'Recurring', recurrencyKind: 'Weekly', validFrom: T0, validTo: at('2027-01-01T00:00:00Z') },
      { id: 1, startSchedule: T0, duration: 3600, chargingRateUnit: 'W', minChargingRate: 1380.5, periods: [[0, 7000, 1], [60, 3000]] },
    );
    full.schedules[0]!.periods[0]!.phaseToUse = 2;
    s.install(full);
    const back = ProfileSet.fromJSON(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(back.all(), s.all());
    assert.deepEqual(back.get(20), full);
  });

  test('fromJSON reports every bad field at once, by path', () => {
    const bad = {
      version: 1,
      profiles: [
        { id: 1, evseId: -1, stackLevel: 0, purpose: 'TxDefault', kind: 'Absolute', schedules: [{ chargingRateUnit: 'X', periods: [{ startPeriod: 0, limit: 'a' }] }] },
        { id: 2, evseId: 0, stackLevel: 0, purpose: 'Nope', kind: 'Absolute', validTo: 'yesterday', schedules: [] },
      ],
    };
    assert.throws(
      () => ProfileSet.fromJSON(bad),
      (e: Error) => {
        for (const field of ['profiles[0].evseId', 'profiles[0].schedules[0].chargingRateUnit', 'profiles[0].schedules[0].periods[0].limit', 'profiles[1].purpose', 'profiles[1].validTo', 'profiles[1].schedules'])
          assert.match(e.message, new RegExp(field.replace(/[[\].]/g, '\\$&')));
        return true;
      },
    );
    assert.throws(() => ProfileSet.fromJSON({ version: 2, profiles: [] }), /version: must be 1/);
    assert.throws(() => ProfileSet.fromJSON(null), /must be an object/);
  });

  test('two stations in one process do not share profiles', () => {
    const a = new ProfileSet();
    const b = new ProfileSet();
    a.install(p({ id: 1, purpose: 'TxDefault' }));
    assert.equal(a.size, 1);
    assert.equal(b.size, 0);
  });
});
