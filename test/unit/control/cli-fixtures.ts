import type { StatusResult } from '../../../agent/cli/render-status.js';

/** A two-EVSE station: EVSE 1 charging in a CSMS-confirmed transaction, EVSE 2 idle. */
export const statusCharging: StatusResult = {
  chargePointId: 'CP-0042',
  ocppVersion: '1.6',
  connection: { state: 'Connected', url: 'wss://csms.example.com/ocpp/CP-0042', since: '2026-01-01T09:00:00.000Z' },
  registration: 'Accepted',
  evses: [
    {
      id: 1,
      status: 'Charging',
      errorCode: 'NoError',
      pilotState: 'C',
      relayClosed: true,
      offeredCurrentA: 16,
      powerW: 11040,
      energyWh: 5_123_456,
      transaction: { localId: 'tx-7', csmsId: '4711', idTag: 'DEADBEEF', startedAt: '2026-01-01T09:30:00.000Z', energyWh: 12345 },
    },
    { id: 2, status: 'Available', errorCode: 'NoError', pilotState: 'A', relayClosed: false, offeredCurrentA: 0, transaction: null },
  ],
  queue: { depth: 0 },
};

/** Offline, one EVSE faulted, one transaction the CSMS has not confirmed yet, messages queued. */
export const statusOffline: StatusResult = {
  chargePointId: 'CP-0042',
  ocppVersion: '1.6',
  connection: { state: 'Reconnecting', url: 'wss://csms.example.com/ocpp/CP-0042' },
  registration: 'Accepted',
  evses: [
    {
      id: 1,
      status: 'SuspendedEV',
      errorCode: 'NoError',
      pilotState: 'B',
      relayClosed: false,
      offeredCurrentA: 6.25,
      powerW: 0,
      transaction: { localId: 'tx-8', csmsId: null, idTag: 'CAFE', startedAt: '2026-01-01T10:00:00.000Z', energyWh: 0 },
    },
    { id: 2, status: 'Faulted', errorCode: 'GroundFailure', pilotState: 'F', relayClosed: false, offeredCurrentA: 0, transaction: null },
  ],
  queue: { depth: 3, deadLetters: 1 },
};
