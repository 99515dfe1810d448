/**
 * F06 TriggerMessage for the messages beyond registration, heartbeat and status (the profile's own trigger()
 * keeps those): MeterValues, TransactionEvent, LogStatusNotification, FirmwareStatusNotification. The answer is
 * decided here, synchronously; what it announces is sent `later`, after the CALLRESULT left (F06.FR.04).
 *
 * - MeterValues (F06.FR.06): a MeterValuesRequest per EVSE (the one named, or every one: F06.FR.11) with the
 *   current reading of AlignedDataCtrlr.Measurands, context Trigger; also while a transaction runs, as the
 *   requirement names this message. No EVSE 0 (grid meter): chargerd has none.
 * - TransactionEvent (F06.FR.07): an Updated with triggerReason Trigger, the chargingState and the
 *   TxUpdatedMeasurands, for the running transaction of the EVSE named, or of every EVSE. It goes through the
 *   transaction's queue (seqNo, offline rules) like any other Updated. Rejected when there is no such transaction:
 *   there is nothing current to report (F06.FR.09), and a refusal is the station's choice (F06.FR.05).
 * - LogStatusNotification / FirmwareStatusNotification: Idle (F06.FR.15/16); chargerd uploads no logs and updates
 *   no firmware over OCPP yet. The evse, irrelevant to them, is ignored (F06.FR.03).
 * Anything else (certificates, PublishFirmwareStatusNotification) is NotImplemented (F06.FR.08).
 */
import type { Logger } from '../../../agent/log.js';
import type { Evse } from '../../../agent/station/evse.js';
import type { Station } from '../../../agent/station/station.js';
import type { MeterSample } from '../../../agent/station/types.js';
import type { MeterValueType } from '../generated/common.js';
import type { MeterValuesRequest } from '../generated/MeterValues.js';
import type { MessageTriggerEnumType, TriggerMessageRequest, TriggerMessageStatusEnumType } from '../generated/TriggerMessage.js';
import { meterValue201 } from '../transactions/meter-values.js';

export interface TriggeredDeps {
  station: Station | null;
  log: Logger;
  call: (action: string, payload: unknown) => Promise<unknown>;
  /** Runs `fn` once the answer to TriggerMessage went out. */
  later: (fn: () => void) => void;
  /** AlignedDataCtrlr.Measurands (the setting the device model bridges). */
  alignedMeasurands: () => readonly string[];
  phasesOf: (evseId: number) => 1 | 3;
}

/** What the register alone says when no measurand is configured: an Accepted trigger always sends something. */
const FALLBACK_MEASURANDS = ['Energy.Active.Import.Register'];

export function triggerOther(d: TriggeredDeps, message: MessageTriggerEnumType, evse: TriggerMessageRequest['evse']): TriggerMessageStatusEnumType {
  switch (message) {
    case 'MeterValues': {
      const targets = pick(d.station, evse);
      if (!targets) return 'Rejected';
      d.later(() => targets.forEach((e) => void sendMeterValues(d, e)));
      return 'Accepted';
    }
    case 'TransactionEvent': {
      const targets = pick(d.station, evse)?.filter((e) => e.transaction() !== null);
      if (!targets?.length) return 'Rejected';
      d.later(() => targets.forEach((e) => void e.sample('Trigger')));
      return 'Accepted';
    }
    case 'LogStatusNotification':
      d.later(() => send(d, 'LogStatusNotification', { status: 'Idle' }));
      return 'Accepted';
    case 'FirmwareStatusNotification':
      d.later(() => send(d, 'FirmwareStatusNotification', { status: 'Idle' }));
      return 'Accepted';
    default:
      return 'NotImplemented';
  }
}

/** The EVSEs a trigger addresses: the one named (null when unknown), or all; connector 1 is the only one. */
function pick(station: Station | null, evse: TriggerMessageRequest['evse']): Evse[] | null {
  if (!station) return null;
  if (evse === undefined) return station.evses();
  const one = station.evse(evse.id);
  if (!one || (evse.connectorId !== undefined && evse.connectorId !== 1)) return null;
  return [one];
}

async function sendMeterValues(d: TriggeredDeps, evse: Evse): Promise<void> {
  const sample = await evse.readSample('Trigger');
  if (!sample) {
    d.log.warn({ evse: evse.id }, 'TriggerMessage(MeterValues): the meter did not answer, nothing sent');
    return;
  }
  const mv = meterValueOf(sample, d.alignedMeasurands(), d.phasesOf(evse.id));
  const payload: MeterValuesRequest = { evseId: evse.id, meterValue: [mv] };
  send(d, 'MeterValues', payload);
}

export function meterValueOf(sample: MeterSample, measurands: readonly string[], phases: 1 | 3): MeterValueType {
  return meterValue201(sample, measurands, phases) ?? meterValue201(sample, FALLBACK_MEASURANDS, phases)!;
}

function send(d: TriggeredDeps, action: string, payload: unknown): void {
  d.call(action, payload).catch((err: Error) => d.log.info({ action, err: err.message }, 'triggered message not delivered'));
}
