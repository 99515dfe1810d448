/**
 * J01 clock-aligned meter values outside transactions. The station core takes the aligned samples
 * (AlignedDataCtrlr.Interval, bridged to clockAlignedDataIntervalS, aligned to midnight); a running transaction's
 * go into its TransactionEvent Updated (MeterValueClock, tx-events.ts), the others arrive here as the station's
 * idleSample and become one MeterValuesRequest per EVSE (J01.FR.02/14) with AlignedDataCtrlr.Measurands.
 *
 * - AlignedDataCtrlr.Enabled false: no aligned data at all.
 * - AlignedDataCtrlr.SendDuringIdle true: nothing while any transaction runs on the station (J01.FR.20 — chargerd
 *   has no per-EVSE instance of it, so FR.19 is the station-wide rule), also not in the transaction's Updated.
 * - Not transaction data: sent when the CSMS can be reached, dropped otherwise (QueueAllMessages is false), as
 *   1.6 does for its MeterValues without a transaction.
 * - No EVSE 0 (grid meter) samples: chargerd has no main meter of its own.
 */
import type { Logger } from '../../../agent/log.js';
import type { Station } from '../../../agent/station/station.js';
import type { MeterSample } from '../../../agent/station/types.js';
import type { DeviceModel } from '../device-model/device-model.js';
import type { MeterValueType } from '../generated/common.js';
import type { MeterValuesRequest } from '../generated/MeterValues.js';
import { meterValues201 } from '../transactions/meter-values.js';

export interface AlignedDeps {
  model: DeviceModel;
  station: () => Station | null;
  canSend: () => boolean;
  call: (action: string, payload: unknown) => Promise<unknown>;
  log: Logger;
  alignedMeasurands: () => readonly string[];
  phasesOf: (evseId: number) => 1 | 3;
}

const flag = (model: DeviceModel, variable: string, dflt: boolean): boolean => {
  const v = model.value({ component: 'AlignedDataCtrlr', variable });
  return v === undefined ? dflt : v === 'true';
};

/** Whether aligned samples of a running transaction go out (in its Updated events). */
export function alignedDuringTx(model: DeviceModel): boolean {
  return flag(model, 'Enabled', true) && !flag(model, 'SendDuringIdle', false);
}

/** The station's idleSample: the clock-aligned ones of an EVSE without a transaction. */
export function idleAlignedSamples(d: AlignedDeps, evseId: number, samples: readonly MeterSample[]): void {
  const aligned = samples.filter((s) => s.context === 'Sample.Clock');
  if (aligned.length === 0 || !flag(d.model, 'Enabled', true)) return;
  if (flag(d.model, 'SendDuringIdle', false) && d.station()?.evses().some((e) => e.transaction() !== null)) return;
  if (!d.canSend()) return;
  const mv = meterValues201(aligned, () => d.alignedMeasurands(), d.phasesOf(evseId));
  if (!mv) return;
  const payload: MeterValuesRequest = { evseId, meterValue: mv as [MeterValueType, ...MeterValueType[]] };
  d.call('MeterValues', payload).catch((err: Error) => d.log.info({ evse: evseId, err: err.message }, 'MeterValues (no transaction) not delivered'));
}
