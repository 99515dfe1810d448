/**
 * Sending queued TransactionEvents: the seqNo and what the CSMS's answer means.
 *
 * seqNo (E.FR / errata: gap-free as the CSMS sees it, per transaction) is given at the FIRST send from a counter
 * in the journal's `extra` (`seqNext`): the seqNos already used by messages delivered or dead-lettered. It is
 * advanced, with `seqUpTo` (the queue seq of the last message it accounts for), in one durable commit just before
 * the sender deletes the row (the delete itself rides on the next fsync, offline-queue/sqlite/queue.ts, and
 * cannot run inside a transaction), or in the same commit as the move to the dead letters. Hence:
 * - a resend (in this run the sender reuses the prepared payload; after kill -9 prepare runs again) gets the
 *   same seqNo, as the counter only moves once the message is gone;
 * - rows the cap policy thinned out were never sent and never consume one;
 * - a second answer to one message (late answer and the resend's) does not advance the counter twice
 *   (`seqUpTo` already covers it), and a row whose answer was committed is recognised (alreadyAnswered).
 * `extra` rather than a new column (migration 0003): the counter is this version's business (the journal's
 * type reserves `extra` for "2.0.1 seqNo"), it needs no schema change nor a down path, and journal-first plus
 * alreadyAnswered gives the same guarantee as one commit with the delete.
 */
import type { Logger } from '../../../agent/log.js';
import { isConnectionError } from '../../../agent/ocpp/is-connection-error.js';
import type { IdTokenInfo } from '../../../agent/station/types.js';
import type { OutboundMessage } from '../../../agent/transactions/ledger.js';
import type { TxSendHooks } from '../../../agent/transactions/queue-sender.js';
import type { QueuedMessage, Store, TransactionRecord } from '../../../offline-queue/types.js';
import type { TransactionEventRequest, TransactionEventResponse } from '../generated/TransactionEvent.js';
import { OCPP201, type QueuedTransactionEvent } from './tx-events.js';
import { idTokenInfoToCore } from './id-token-info.js';

export interface SeqState {
  seqNext: number;
  seqUpTo: number;
}

export function seqState(rec: TransactionRecord | undefined): SeqState {
  const e = rec?.extra ?? {};
  return { seqNext: typeof e.seqNext === 'number' ? e.seqNext : 0, seqUpTo: typeof e.seqUpTo === 'number' ? e.seqUpTo : -1 };
}

export interface TxEventSink {
  /** The CSMS's idTokenInfo for the id of a transaction event: cache it, and deauthorize a running one (E05). */
  idTokenInfo(localId: string, idTag: string, info: IdTokenInfo, eventType: TransactionEventRequest['eventType']): void;
}

export function createTxEventSendHooks(store: Store, sink: TxEventSink, log?: Logger): TxSendHooks {
  const record = (msg: QueuedMessage): TransactionRecord | undefined => (msg.txLocalId ? store.journal.get(msg.txLocalId) : undefined);
  // The counter of each transaction as last committed: these hooks are its only writer, so after the first read
  // from the journal a replay asks the store for nothing but the commits (three journal reads per message made a
  // 10,000-message replay take 1.4 times 1.6's CPU). Set only after a commit returned; gone with the Ended.
  const known = new Map<string, SeqState>();
  const stateOf = (msg: QueuedMessage): SeqState | undefined => {
    const id = msg.txLocalId;
    if (!id) return undefined;
    let st = known.get(id);
    if (!st) {
      const rec = store.journal.get(id);
      if (!rec) return undefined;
      known.set(id, (st = seqState(rec)));
    }
    return st;
  };
  /** Count `msg`'s seqNo as used, once: the state to remember after the commit, or null when it already was. */
  const consume = (msg: QueuedMessage): SeqState | null => {
    const s = stateOf(msg);
    if (!s || s.seqUpTo >= msg.seq) return null;
    const next = { seqNext: s.seqNext + 1, seqUpTo: msg.seq };
    store.journal.mergeExtra(msg.txLocalId!, next);
    return next;
  };
  const remember = (msg: QueuedMessage, next: SeqState | null): void => {
    if (!next) return;
    if (msg.kind === 'stop') known.delete(msg.txLocalId!);
    else known.set(msg.txLocalId!, next);
  };
  return {
    ocppVersion: OCPP201,
    alreadyAnswered(msg) {
      return (stateOf(msg)?.seqUpTo ?? -1) >= msg.seq;
    },
    prepare(msg): OutboundMessage {
      if (msg.action !== 'TransactionEvent') return { action: msg.action, payload: msg.payload };
      if (msg.kind === 'start') {
        const rec = record(msg);
        if (rec && rec.startState !== 'sent') store.journal.setStartState(rec.localId, 'sent');
      }
      const st = stateOf(msg);
      if (!st) throw new Error(`transaction ${msg.txLocalId ?? '(none)'} is not in the journal`);
      const payload: TransactionEventRequest = { ...(msg.payload as QueuedTransactionEvent), seqNo: st.seqNext };
      return { action: msg.action, payload };
    },
    onResult(msg, result) {
      if (!msg.txLocalId) return;
      // One commit before the sender deletes the row: a crash in between leaves a row alreadyAnswered
      // recognises, deleted without a send, so its seqNo is never used twice. For an Updated it is an ordered
      // commit without its own fsync (the row's delete after it has none either, as for 1.6): kill -9 loses
      // neither, and a power loss loses the delete with it or the delete alone, never the counter alone, so the
      // worst is the identical event sent again with its same seqNo, which the CSMS recognises. Started and
      // Ended keep a full fsync: whether a transaction's first and last event were answered is never lost.
      const next = store.atomically(
        () => {
          const fresh = consume(msg);
          if (fresh && msg.kind === 'stop') store.journal.setStopState(msg.txLocalId!, 'confirmed');
          return fresh;
        },
        { durability: msg.kind === 'meter' ? 'ordered' : 'full' },
      );
      remember(msg, next);
      if (!next) {
        log?.info({ tx: msg.txLocalId, seq: msg.seq }, 'second answer to one TransactionEvent: already recorded');
        return;
      }
      const conf = result as TransactionEventResponse;
      const ev = msg.payload as QueuedTransactionEvent;
      if (conf.idTokenInfo && ev.idToken) sink.idTokenInfo(msg.txLocalId, ev.idToken.idToken, idTokenInfoToCore(conf.idTokenInfo), ev.eventType);
    },
    deadLettered(msg) {
      // It went out with its seqNo (maybe the CSMS has it): the next event must not reuse the number. The sender
      // calls this inside the commit that moves the row, which may still fail after it: the counter is read
      // from the journal again next time rather than remembered.
      consume(msg);
      known.delete(msg.txLocalId ?? '');
    },
    isConnectionError,
  };
}
