/**
 * When a transaction begins and when it ends, named as OCPP 2.0.1 names them (TxCtrlr.TxStartPoint and
 * TxStopPoint), so that the choice is a value the session (session.ts) is given rather than code it contains:
 * 2.0.1 makes it configuration, 1.6 fixes one choice.
 *
 * OCPP 1.6: the transaction begins once the id is authorized AND the EV is connected, in whichever order (2.0.1
 * calls that pair PowerPathClosed, "the logical AND of EVConnected and Authorized"), and it ends when either ends:
 * the authorization (the owner's card or group, RemoteStop, a rejected id with StopTransactionOnInvalidId) or the
 * connection, the latter only with StopTransactionOnEVSideDisconnect true (§4.10).
 * OCPP 2.0.1 begins at the first listed point reached, and ends as soon as one listed point stops holding.
 *
 * checkTxPoints names the choices this station cannot act on yet, so an unsupported one is refused with its
 * reason instead of behaving as something else.
 */

export type TxPoint = 'ParkingBayOccupancy' | 'EVConnected' | 'Authorized' | 'DataSigned' | 'PowerPathClosed' | 'EnergyTransfer';

export interface TxPoints {
  /** The transaction begins once `all` (1.6) or `any` (2.0.1) of these hold. */
  start: readonly TxPoint[];
  startWhen: 'all' | 'any';
  /** The transaction ends as soon as one of these stops holding. */
  stop: readonly TxPoint[];
}

/** The fixed choice of OCPP 1.6; only the stop on an EV-side disconnect is a setting there. */
export function ocpp16TxPoints(stopTransactionOnEVSideDisconnect: boolean): TxPoints {
  return {
    start: ['Authorized', 'EVConnected'],
    startWhen: 'all',
    stop: stopTransactionOnEVSideDisconnect ? ['Authorized', 'EVConnected'] : ['Authorized'],
  };
}

function holds(point: TxPoint, holding: ReadonlySet<TxPoint>): boolean {
  return point === 'PowerPathClosed' ? holding.has('Authorized') && holding.has('EVConnected') : holding.has(point);
}

/** Whether the points that hold now begin a transaction. */
export function startReached(p: TxPoints, holding: ReadonlySet<TxPoint>): boolean {
  return p.startWhen === 'all' ? p.start.every((t) => holds(t, holding)) : p.start.some((t) => holds(t, holding));
}

/** Whether `ended` no longer holding ends the running transaction (PowerPathClosed ends with either half). */
export function endsTransaction(p: TxPoints, ended: TxPoint): boolean {
  if (p.stop.includes(ended)) return true;
  return p.stop.includes('PowerPathClosed') && (ended === 'Authorized' || ended === 'EVConnected');
}

/** The points a session can observe today; the others need hardware or data this station does not have. */
const OBSERVED: readonly TxPoint[] = ['Authorized', 'EVConnected', 'PowerPathClosed'];

const WHY_NOT: Partial<Record<TxPoint, string>> = {
  ParkingBayOccupancy: 'no parking bay sensor',
  DataSigned: 'no signed meter data',
  // DESIGN "No energy without a record": the contactor closes only after the transaction is recorded.
  EnergyTransfer: 'energy flows only once the transaction is recorded',
};

/**
 * What this station cannot do with `p`, one message per reason naming the setting; empty when it can run it.
 * Today that is every choice which begins once Authorized holds (with or without EVConnected) and ends with the
 * authorization.
 */
export function checkTxPoints(p: TxPoints): string[] {
  const errors: string[] = [];
  if (p.start.length === 0) errors.push('TxStartPoint: empty (a transaction would never begin)');
  if (p.stop.length === 0) errors.push('TxStopPoint: empty (a transaction would never end)');
  for (const [name, list] of [['TxStartPoint', p.start], ['TxStopPoint', p.stop]] as const) {
    for (const t of list) if (!OBSERVED.includes(t)) errors.push(`${name}: ${t} is not supported (${WHY_NOT[t] ?? 'not observed'})`);
  }
  // A transaction record names its id (idTag): one without an authorized id has nothing to name yet. One begun
  // before the EV plugs in (Authorized alone) is ended by EVConnectionTimeOut when no EV comes (session.ts).
  if (p.start.length > 0 && startReached(p, new Set<TxPoint>(['EVConnected', 'ParkingBayOccupancy', 'EnergyTransfer', 'DataSigned'])))
    errors.push('TxStartPoint: a transaction must wait for Authorized (transactions without an id are not supported)');
  // The owner's card and RemoteStop end the authorization; ending only the energy and not the transaction is not built.
  if (p.stop.length > 0 && !endsTransaction(p, 'Authorized')) errors.push('TxStopPoint: must include Authorized (or PowerPathClosed)');
  return errors;
}
