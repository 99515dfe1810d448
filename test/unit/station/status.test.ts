/**
 * The connector state machine as a table over the OCPP 1.6 transition list (§4.9 with errata 3.20's B6):
 * for every cell, the inputs before and after the event, and what deriveStatus makes of them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CpState } from '../../../hal/types.js';
import { ALLOWED_TRANSITIONS, deriveStatus, transitionCode, type StatusInputs } from '../../../agent/station/status.js';
import type { EvseStatus } from '../../../agent/station/types.js';

const ALL: EvseStatus[] = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];

/** A literal copy of the 1.6 table (row = from, column = to), blank cells as ''. */
const SPEC_TABLE: Record<EvseStatus, string[]> = {
  //             Available Preparing Charging SuspendedEV SuspendedEVSE Finishing Reserved Unavailable Faulted
  Available: ['', 'A2', 'A3', 'A4', 'A5', '', 'A7', 'A8', 'A9'],
  Preparing: ['B1', '', 'B3', 'B4', 'B5', 'B6', '', '', 'B9'],
  Charging: ['C1', '', '', 'C4', 'C5', 'C6', '', 'C8', 'C9'],
  SuspendedEV: ['D1', '', 'D3', '', 'D5', 'D6', '', 'D8', 'D9'],
  SuspendedEVSE: ['E1', '', 'E3', 'E4', '', 'E6', '', 'E8', 'E9'],
  Finishing: ['F1', 'F2', '', '', '', '', '', 'F8', 'F9'],
  Reserved: ['G1', 'G2', '', '', '', '', '', 'G8', 'G9'],
  Unavailable: ['H1', 'H2', 'H3', 'H4', 'H5', '', '', '', 'H9'],
  Faulted: ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', ''],
};

const IDLE: StatusInputs = {
  faulted: false,
  operative: true,
  reserved: false,
  pilot: 'A',
  cablePresent: false,
  transactionRunning: false,
  authorizedWaiting: false,
  evseSuspended: false,
  energyFlowing: false,
  finishing: false,
};

const at = (p: Partial<StatusInputs>): StatusInputs => ({ ...IDLE, ...p });

/** One representative set of inputs per status (what the EVSE has when it shows that status). */
const S: Record<EvseStatus, StatusInputs> = {
  Available: at({}),
  Preparing: at({ pilot: 'B', cablePresent: true }),
  Charging: at({ pilot: 'C', cablePresent: true, transactionRunning: true, energyFlowing: true }),
  SuspendedEV: at({ pilot: 'B', cablePresent: true, transactionRunning: true }),
  SuspendedEVSE: at({ pilot: 'B', cablePresent: true, transactionRunning: true, evseSuspended: true }),
  Finishing: at({ pilot: 'B', cablePresent: true, finishing: true }),
  Reserved: at({ reserved: true }),
  Unavailable: at({ operative: false }),
  Faulted: at({ faulted: true, pilot: 'F' }),
};

interface Row {
  code: string;
  event: string;
  before: StatusInputs;
  after: StatusInputs;
}

/** Every cell of the table: the event as a change of inputs. */
const ROWS: Row[] = [
  // Available
  { code: 'A2', event: 'EV plugged in', before: S.Available, after: at({ pilot: 'B', cablePresent: true }) },
  { code: 'A2', event: 'id presented, no EV yet', before: S.Available, after: at({ authorizedWaiting: true }) },
  { code: 'A3', event: 'plug-and-charge: transaction starts, EV draws at once', before: S.Available, after: S.Charging },
  { code: 'A4', event: 'transaction starts, EV does not draw', before: S.Available, after: S.SuspendedEV },
  { code: 'A5', event: 'transaction starts, EVSE offers nothing', before: S.Available, after: S.SuspendedEVSE },
  { code: 'A7', event: 'ReserveNow', before: S.Available, after: at({ reserved: true }) },
  { code: 'A8', event: 'ChangeAvailability Inoperative', before: S.Available, after: at({ operative: false }) },
  { code: 'A9', event: 'fault', before: S.Available, after: at({ faulted: true, pilot: 'F' }) },
  // Preparing
  { code: 'B1', event: 'EV unplugged before an id', before: S.Preparing, after: S.Available },
  { code: 'B1', event: 'ConnectionTimeOut after an id, no EV', before: at({ authorizedWaiting: true }), after: S.Available },
  { code: 'B3', event: 'transaction starts, EV draws', before: S.Preparing, after: S.Charging },
  { code: 'B4', event: 'transaction starts, EV not yet in C', before: S.Preparing, after: S.SuspendedEV },
  { code: 'B5', event: 'transaction starts without an offer', before: S.Preparing, after: S.SuspendedEVSE },
  { code: 'B6', event: 'ConnectionTimeOut after plug-in, no id', before: S.Preparing, after: S.Finishing },
  { code: 'B9', event: 'fault', before: S.Preparing, after: at({ faulted: true, pilot: 'F', cablePresent: true }) },
  // Charging
  { code: 'C1', event: 'transaction stopped and EV gone', before: S.Charging, after: S.Available },
  { code: 'C4', event: 'EV opens S2 (C→B)', before: S.Charging, after: at({ pilot: 'B', cablePresent: true, transactionRunning: true }) },
  { code: 'C4', event: 'EV leaves C, contactor opened', before: S.Charging, after: S.SuspendedEV },
  { code: 'C5', event: 'EVSE withdraws the offer', before: S.Charging, after: at({ pilot: 'C', cablePresent: true, transactionRunning: true, energyFlowing: true, evseSuspended: true }) },
  { code: 'C6', event: 'transaction stopped, cable still plugged', before: S.Charging, after: S.Finishing },
  { code: 'C8', event: 'transaction stopped, scheduled Inoperative applies', before: S.Charging, after: at({ operative: false, pilot: 'B', cablePresent: true, finishing: true }) },
  { code: 'C9', event: 'fault', before: S.Charging, after: at({ faulted: true, pilot: 'F', cablePresent: true, transactionRunning: true }) },
  // SuspendedEV
  { code: 'D1', event: 'transaction stopped and EV gone', before: S.SuspendedEV, after: S.Available },
  { code: 'D3', event: 'EV closes S2, contactor closes', before: S.SuspendedEV, after: S.Charging },
  { code: 'D5', event: 'EVSE withdraws the offer', before: S.SuspendedEV, after: S.SuspendedEVSE },
  { code: 'D6', event: 'transaction stopped, cable still plugged', before: S.SuspendedEV, after: S.Finishing },
  { code: 'D8', event: 'transaction stopped, scheduled Inoperative applies', before: S.SuspendedEV, after: at({ operative: false, pilot: 'B' }) },
  { code: 'D9', event: 'fault', before: S.SuspendedEV, after: at({ faulted: true, transactionRunning: true }) },
  // SuspendedEVSE
  { code: 'E1', event: 'transaction stopped and EV gone', before: S.SuspendedEVSE, after: S.Available },
  { code: 'E3', event: 'offer back, EV draws', before: S.SuspendedEVSE, after: S.Charging },
  { code: 'E4', event: 'offer back, EV not drawing', before: S.SuspendedEVSE, after: S.SuspendedEV },
  { code: 'E6', event: 'transaction stopped, cable still plugged', before: S.SuspendedEVSE, after: S.Finishing },
  { code: 'E8', event: 'transaction stopped, scheduled Inoperative applies', before: S.SuspendedEVSE, after: at({ operative: false }) },
  { code: 'E9', event: 'fault', before: S.SuspendedEVSE, after: at({ faulted: true, transactionRunning: true, evseSuspended: true }) },
  // Finishing
  { code: 'F1', event: 'cable taken away', before: S.Finishing, after: S.Available },
  { code: 'F2', event: 'user re-plugs / presents an id again', before: S.Finishing, after: at({ pilot: 'B', cablePresent: true, authorizedWaiting: true }) },
  { code: 'F8', event: 'ChangeAvailability Inoperative', before: S.Finishing, after: at({ operative: false, pilot: 'B', cablePresent: true, finishing: true }) },
  { code: 'F9', event: 'fault', before: S.Finishing, after: at({ faulted: true, pilot: 'B', finishing: true }) },
  // Reserved
  { code: 'G1', event: 'reservation expired or cancelled', before: S.Reserved, after: S.Available },
  { code: 'G2', event: 'reserved id presented', before: S.Reserved, after: at({ reserved: true, authorizedWaiting: true }) },
  { code: 'G2', event: 'EV plugged in', before: S.Reserved, after: at({ reserved: true, pilot: 'B', cablePresent: true }) },
  { code: 'G8', event: 'ChangeAvailability Inoperative', before: S.Reserved, after: at({ reserved: true, operative: false }) },
  { code: 'G9', event: 'fault', before: S.Reserved, after: at({ reserved: true, faulted: true }) },
  // Unavailable
  { code: 'H1', event: 'ChangeAvailability Operative', before: S.Unavailable, after: S.Available },
  { code: 'H2', event: 'Operative with an EV plugged', before: at({ operative: false, pilot: 'B' }), after: S.Preparing },
  { code: 'H3', event: 'Operative, transaction running and EV drawing', before: S.Unavailable, after: S.Charging },
  { code: 'H4', event: 'Operative, transaction running, EV not drawing', before: S.Unavailable, after: S.SuspendedEV },
  { code: 'H5', event: 'Operative, transaction running, no offer', before: S.Unavailable, after: S.SuspendedEVSE },
  { code: 'H9', event: 'fault', before: S.Unavailable, after: at({ operative: false, faulted: true }) },
  // Faulted: the fault clears and the pre-fault state returns
  { code: 'I1', event: 'fault cleared', before: at({ faulted: true }), after: S.Available },
  { code: 'I2', event: 'fault cleared, EV plugged', before: at({ faulted: true, pilot: 'F' }), after: S.Preparing },
  { code: 'I3', event: 'fault cleared during a transaction, EV draws', before: at({ faulted: true, transactionRunning: true, pilot: 'F' }), after: S.Charging },
  { code: 'I4', event: 'fault cleared during a transaction, EV idle', before: at({ faulted: true, transactionRunning: true }), after: S.SuspendedEV },
  { code: 'I5', event: 'fault cleared, EVSE offers nothing yet', before: at({ faulted: true, transactionRunning: true }), after: S.SuspendedEVSE },
  { code: 'I6', event: 'fault cleared, cable still to be taken', before: at({ faulted: true, finishing: true, pilot: 'B' }), after: S.Finishing },
  { code: 'I7', event: 'fault cleared, reservation still valid', before: at({ faulted: true, reserved: true }), after: S.Reserved },
  { code: 'I8', event: 'fault cleared, Inoperative', before: at({ faulted: true, operative: false }), after: S.Unavailable },
];

describe('ALLOWED_TRANSITIONS is exactly the 1.6 table (§4.9 + errata 3.20 B6)', () => {
  test('every cell of the spec table is there with its code', () => {
    for (const from of ALL) {
      SPEC_TABLE[from].forEach((code, i) => {
        const to = ALL[i]!;
        assert.equal(ALLOWED_TRANSITIONS[from][to] ?? '', code, `${from} → ${to}`);
      });
    }
  });

  test('nothing beyond the spec table (no extra keys, no self-transitions)', () => {
    assert.deepEqual(Object.keys(ALLOWED_TRANSITIONS).sort(), [...ALL].sort());
    let cells = 0;
    for (const from of ALL) {
      for (const [to, code] of Object.entries(ALLOWED_TRANSITIONS[from])) {
        assert.ok(ALL.includes(to as EvseStatus), `unknown target ${to}`);
        assert.equal(code, SPEC_TABLE[from][ALL.indexOf(to as EvseStatus)], `${from} → ${to}`);
        assert.notEqual(from, to);
        cells++;
      }
    }
    const specCells = Object.values(SPEC_TABLE).flat().filter((c) => c !== '').length;
    assert.equal(cells, specCells);
    assert.equal(specCells, 53);
  });

  test('B6 (errata 3.20) is allowed; transitions the spec does not list are not', () => {
    assert.equal(transitionCode('Preparing', 'Finishing'), 'B6');
    assert.equal(transitionCode('Preparing', 'Reserved'), undefined);
    assert.equal(transitionCode('Charging', 'Preparing'), undefined);
    assert.equal(transitionCode('Finishing', 'Charging'), undefined);
    assert.equal(transitionCode('Unavailable', 'Finishing'), undefined);
    assert.equal(transitionCode('Reserved', 'Charging'), undefined);
    assert.equal(transitionCode('Available', 'Available'), undefined);
  });
});

describe('deriveStatus over the transition table', () => {
  test('the representative inputs give their status', () => {
    for (const s of ALL) assert.equal(deriveStatus(S[s]), s, s);
  });

  test('every cell of the table is covered by at least one row', () => {
    const covered = new Set(ROWS.map((r) => r.code));
    const all = Object.values(SPEC_TABLE).flat().filter((c) => c !== '');
    assert.deepEqual(all.filter((c) => !covered.has(c)), []);
  });

  for (const r of ROWS) {
    test(`${r.code}: ${r.event}`, () => {
      const from = deriveStatus(r.before);
      const to = deriveStatus(r.after);
      // The code names the cell: its row letter is the "from" status, its column digit the "to" status.
      const fromIdx = 'ABCDEFGHI'.indexOf(r.code[0]!);
      const toIdx = Number(r.code.slice(1)) - 1;
      assert.equal(from, ALL[fromIdx], `before: expected ${ALL[fromIdx]}`);
      assert.equal(to, ALL[toIdx], `after: expected ${ALL[toIdx]}`);
      assert.equal(transitionCode(from, to), r.code);
    });
  }
});

describe('deriveStatus precedence rules (exhaustive over the inputs)', () => {
  const PILOTS: CpState[] = ['A', 'B', 'C', 'D', 'E', 'F'];
  const combos: StatusInputs[] = [];
  for (const pilot of PILOTS) {
    for (let bits = 0; bits < 1 << 9; bits++) {
      const b = (n: number) => (bits & (1 << n)) !== 0;
      combos.push({
        faulted: b(0),
        operative: b(1),
        reserved: b(2),
        pilot,
        cablePresent: b(3),
        transactionRunning: b(4),
        authorizedWaiting: b(5),
        evseSuspended: b(6),
        energyFlowing: b(7),
        finishing: b(8),
      });
    }
  }

  test('Faulted over everything, and only when faulted', () => {
    for (const i of combos) assert.equal(deriveStatus(i) === 'Faulted', i.faulted, JSON.stringify(i));
  });

  test('SuspendedEVSE over SuspendedEV and Charging (both suspended → SuspendedEVSE)', () => {
    for (const i of combos) {
      if (i.faulted || !i.transactionRunning || !i.evseSuspended) continue;
      assert.equal(deriveStatus(i), 'SuspendedEVSE', JSON.stringify(i));
    }
    // EV not drawing (pilot B) and EVSE not offering: §4.9 says SuspendedEVSE.
    assert.equal(deriveStatus(at({ transactionRunning: true, pilot: 'B', evseSuspended: true })), 'SuspendedEVSE');
  });

  test('Unavailable never while a transaction runs; a transaction shows one of its three statuses', () => {
    for (const i of combos) {
      if (i.faulted || !i.transactionRunning) continue;
      assert.ok(['Charging', 'SuspendedEV', 'SuspendedEVSE'].includes(deriveStatus(i)), JSON.stringify(i));
    }
    assert.equal(deriveStatus(at({ operative: false, transactionRunning: true, pilot: 'C', energyFlowing: true })), 'Charging');
  });

  test('Charging only with the pilot in C or D and the contactor closed', () => {
    for (const i of combos) {
      if (deriveStatus(i) !== 'Charging') continue;
      assert.ok((i.pilot === 'C' || i.pilot === 'D') && i.energyFlowing && i.transactionRunning, JSON.stringify(i));
    }
  });

  test('Unavailable whenever inoperative without fault or transaction', () => {
    for (const i of combos) {
      if (i.faulted || i.transactionRunning || i.operative) continue;
      assert.equal(deriveStatus(i), 'Unavailable', JSON.stringify(i));
    }
  });

  test('Reserved yields to an EV or an accepted id (G2), Finishing wins over both', () => {
    assert.equal(deriveStatus(at({ reserved: true })), 'Reserved');
    assert.equal(deriveStatus(at({ reserved: true, pilot: 'B' })), 'Preparing');
    assert.equal(deriveStatus(at({ reserved: true, authorizedWaiting: true })), 'Preparing');
    assert.equal(deriveStatus(at({ reserved: true, finishing: true, pilot: 'B' })), 'Finishing');
  });

  test('every derived status is one of the nine', () => {
    for (const i of combos) assert.ok(ALL.includes(deriveStatus(i)));
  });
});
