import { AUTHORIZATION_STATUSES } from './token.js';
import { StoreError, type AuthorizationInfo, type AuthToken, type QueuedKind, type TxSendState } from './types.js';

/**
 * Argument checks run by every store before writing, so the memory store refuses exactly what the SQLite
 * schema's STRICT types and CHECKs refuse (those stay as the last line of defence). Without them SQLite would
 * turn a NaN meter value into NULL and the memory store would keep it.
 */
function fail(what: string, value: unknown): never {
  throw new StoreError('STORE_CONSTRAINT', `invalid ${what}: ${String(value)}`);
}

export function checkInteger(what: string, v: number): void {
  if (!Number.isInteger(v)) fail(what, v);
}

export function checkNumber(what: string, v: number): void {
  if (typeof v !== 'number' || Number.isNaN(v)) fail(what, v);
}

export function checkString(what: string, v: string): void {
  if (typeof v !== 'string') fail(what, v);
}

const KINDS: readonly QueuedKind[] = ['start', 'stop', 'meter'];
export function checkKind(kind: QueuedKind): void {
  if (!KINDS.includes(kind)) fail('message kind', kind);
}

const STATES: readonly TxSendState[] = ['pending', 'sent', 'confirmed'];
export function checkState(state: TxSendState): void {
  if (!STATES.includes(state)) fail('send state', state);
}

/** A type is a non-empty string or null (untyped): '' would be neither, and collide with untyped in the key. */
export function checkToken(what: string, token: AuthToken): void {
  if (token === null || typeof token !== 'object') fail(what, token);
  checkString(`${what} id`, token.idToken);
  if (token.tokenType !== null && (typeof token.tokenType !== 'string' || token.tokenType === '')) fail(`${what} type`, JSON.stringify(token.tokenType));
}

export function checkAuthInfo(info: AuthorizationInfo): void {
  // No enum in the schema (the set differs between versions): the code is where a status is checked.
  if (!AUTHORIZATION_STATUSES.includes(info.status)) fail('authorization status', info.status);
  if (info.expiryDate !== undefined) checkString('expiryDate', info.expiryDate);
  if (info.groupIdToken !== undefined) checkToken('groupIdToken', info.groupIdToken);
}

/** A CSMS transaction id is text (a 1.6 integer in decimal, a 2.0.1 string), never empty. */
export function checkCsmsId(csmsId: string): void {
  if (typeof csmsId !== 'string' || csmsId === '') fail('csmsId', JSON.stringify(csmsId));
}

export function checkVersion(version: string): void {
  if (typeof version !== 'string' || version === '') fail('ocppVersion', JSON.stringify(version));
}

export function checkEnqueue(msg: { kind: QueuedKind; action: string; createdAt: string; txLocalId?: string | null; ocppVersion?: string }): void {
  checkKind(msg.kind);
  checkString('action', msg.action);
  checkString('createdAt', msg.createdAt);
  if (msg.txLocalId !== undefined && msg.txLocalId !== null) checkString('txLocalId', msg.txLocalId);
  if (msg.ocppVersion !== undefined) checkVersion(msg.ocppVersion);
}

export function checkOpen(rec: { localId: string; evseId: number; idTag: string; startedAt: string; meterStartWh: number }, action: string): void {
  checkString('localId', rec.localId);
  checkInteger('evseId', rec.evseId);
  checkString('idTag', rec.idTag);
  checkString('startedAt', rec.startedAt);
  checkNumber('meterStartWh', rec.meterStartWh);
  checkString('action', action);
}

export function checkClose(stop: { stoppedAt: string; meterStopWh: number; reason: string; stopIdTag: string | null }, action: string): void {
  checkString('stoppedAt', stop.stoppedAt);
  checkNumber('meterStopWh', stop.meterStopWh);
  checkString('reason', stop.reason);
  if (stop.stopIdTag !== null) checkString('stopIdTag', stop.stopIdTag);
  checkString('action', action);
}

export function checkEntries(version: number, entries: readonly { token: AuthToken; info: AuthorizationInfo | null }[]): void {
  checkInteger('local list version', version);
  for (const e of entries) {
    checkToken('token', e.token);
    if (e.info !== null) checkAuthInfo(e.info);
  }
}
