/**
 * TxCtrlr.TxStartPoint / TxStopPoint (part 2 2.6.4-2.6.6) as the session's TxPoints: the transaction begins at
 * the first listed start point reached, and ends as soon as one listed stop point stops holding. What the
 * session cannot act on (tx-points.ts checkTxPoints) is refused in SetVariables with its reason, never accepted
 * and then ignored.
 */
import { checkTxPoints, type TxPoint, type TxPoints } from '../../../agent/station/tx-points.js';
import type { DeviceModel, VariableRef } from '../device-model/device-model.js';

const START: VariableRef = { component: 'TxCtrlr', variable: 'TxStartPoint' };
const STOP: VariableRef = { component: 'TxCtrlr', variable: 'TxStopPoint' };

const list = (raw: string | undefined): TxPoint[] => (raw ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '') as TxPoint[];

export function txPointsFrom(start: string | undefined, stop: string | undefined): TxPoints {
  return { start: list(start), startWhen: 'any', stop: list(stop) };
}

export function txPointsOf(model: DeviceModel): TxPoints {
  return txPointsFrom(model.value(START), model.value(STOP));
}

/** Refuse a TxStartPoint / TxStopPoint the session cannot run (with the other one as it is now). */
export function vetoUnsupportedTxPoints(model: DeviceModel): void {
  model.addVeto((ref, attribute, value) => {
    if (ref.component !== 'TxCtrlr' || attribute !== 'Actual' || ref.evseId !== undefined) return null;
    const isStart = ref.variable.toLowerCase() === 'txstartpoint';
    if (!isStart && ref.variable.toLowerCase() !== 'txstoppoint') return null;
    const p = isStart ? txPointsFrom(value, model.value(STOP)) : txPointsFrom(model.value(START), value);
    const errors = checkTxPoints(p).filter((e) => e.startsWith(isStart ? 'TxStartPoint' : 'TxStopPoint'));
    return errors.length ? errors.join('; ') : null;
  });
}
