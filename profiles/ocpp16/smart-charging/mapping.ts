/**
 * 1.6 csChargingProfiles ↔ the neutral model (agent/smart-charging/types.ts): connectorId → evseId (0 = the
 * charge point), ChargePointMaxProfile → ChargingStationMax, the integer transactionId → the station's local
 * transaction id (the CSMS knows only its own id; the station names transactions by theirs).
 */
import type { ChargingProfile, ChargingProfilePurpose } from '../../../agent/smart-charging/types.js';
import type { Station } from '../../../agent/station/station.js';
import type { SetChargingProfileRequest } from '../generated/index.js';

export type CsChargingProfile = SetChargingProfileRequest['csChargingProfiles'];
export type Purpose16 = CsChargingProfile['chargingProfilePurpose'];

const PURPOSE: Record<Purpose16, ChargingProfilePurpose> = {
  ChargePointMaxProfile: 'ChargingStationMax',
  TxDefaultProfile: 'TxDefault',
  TxProfile: 'Tx',
};

export const toPurpose = (p: Purpose16): ChargingProfilePurpose => PURPOSE[p];

export function fromPurpose(p: ChargingProfilePurpose): Purpose16 | undefined {
  return (Object.keys(PURPOSE) as Purpose16[]).find((k) => PURPOSE[k] === p);
}

/**
 * The local id of the transaction the CSMS calls `csmsId` on `connectorId`; a stand-in that matches no running
 * transaction when there is none, so validation answers TransactionMismatch (TC_058_2). Compared as text: the
 * store keeps the CSMS id as its decimal text.
 */
export function localTransactionId(station: Station, connectorId: number, csmsId: number): string {
  const rec = station.evse(connectorId)?.transaction();
  return rec && rec.csmsId === String(csmsId) ? rec.localId : `csms:${csmsId}`;
}

/** A Date from an ISO string; an unparsable one becomes an Invalid Date the caller refuses. */
const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

export function toNeutral(cs: CsChargingProfile, connectorId: number, transactionId: string | undefined): ChargingProfile {
  const s = cs.chargingSchedule;
  const p: ChargingProfile = {
    id: cs.chargingProfileId,
    evseId: connectorId,
    stackLevel: cs.stackLevel,
    purpose: toPurpose(cs.chargingProfilePurpose),
    kind: cs.chargingProfileKind,
    schedules: [
      {
        chargingRateUnit: s.chargingRateUnit,
        periods: s.chargingSchedulePeriod.map((x) => ({ startPeriod: x.startPeriod, limit: x.limit, ...(x.numberPhases !== undefined ? { numberPhases: x.numberPhases } : {}) })),
        ...(s.duration !== undefined ? { duration: s.duration } : {}),
        ...(s.startSchedule !== undefined ? { startSchedule: date(s.startSchedule)! } : {}),
        ...(s.minChargingRate !== undefined ? { minChargingRate: s.minChargingRate } : {}),
      },
    ],
    source: 'CSO',
  };
  if (cs.recurrencyKind !== undefined) p.recurrencyKind = cs.recurrencyKind;
  if (cs.validFrom !== undefined) p.validFrom = date(cs.validFrom)!;
  if (cs.validTo !== undefined) p.validTo = date(cs.validTo)!;
  if (transactionId !== undefined) p.transactionId = transactionId;
  return p;
}

/** The field holding a date that is not one, or null. */
export function invalidDate(p: ChargingProfile): string | null {
  const bad = (d: Date | undefined) => d !== undefined && Number.isNaN(d.getTime());
  if (bad(p.validFrom)) return 'validFrom';
  if (bad(p.validTo)) return 'validTo';
  if (bad(p.schedules[0]?.startSchedule)) return 'chargingSchedule.startSchedule';
  return null;
}
