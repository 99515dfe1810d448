import { ID_TAG_STATUSES } from './id-tag.js';
import { StoreError, type IdTagInfo, type QueuedKind, type TxSendState } from './types.js';

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

export function checkIdTagInfo(info: IdTagInfo): void {
  if (!ID_TAG_STATUSES.includes(info.status)) fail('idTagInfo status', info.status);
}

export function checkEnqueue(msg: { kind: QueuedKind; action: string; createdAt: string; txLocalId?: string | null }): void {
  checkKind(msg.kind);
  checkString('action', msg.action);
  checkString('createdAt', msg.createdAt);
  if (msg.txLocalId !== undefined && msg.txLocalId !== null) checkString('txLocalId', msg.txLocalId);
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

export function checkEntries(version: number, entries: readonly { idTag: string; info: IdTagInfo | null }[]): void {
  checkInteger('local list version', version);
  for (const e of entries) {
    checkString('idTag', e.idTag);
    if (e.info !== null) checkIdTagInfo(e.info);
  }
}
