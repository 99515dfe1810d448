/**
 * The 1.6 wire form of transaction messages (StartTransaction, MeterValues, StopTransaction) and what happens
 * when the CSMS answers them. Queued payloads carry no transaction id: it is filled in at send time from the
 * journal, so messages queued while offline go out with the id the CSMS gave the StartTransaction — or -1
 * when that StartTransaction was never confirmed (errata 3.18).
 */
import type { Logger } from '../../agent/log.js';
import type { QueuedMessage, Store, TransactionRecord } from '../../offline-queue/types.js';
import type { TransactionStartArgs, TransactionStopArgs } from '../../agent/station/ports.js';
import type { Settings } from '../../agent/station/settings.js';
import type { IdTokenInfo, MeterSample } from '../../agent/station/types.js';
import type { OutboundMessage, TxMessageBuilder } from '../../agent/transactions/ledger.js';
import type { TxSendHooks } from '../../agent/transactions/queue-sender.js';
import { isConnectionError } from '../../agent/ocpp/is-connection-error.js';
import type { MeterValuesRequest, StartTransactionRequest, StartTransactionResponse, StopTransactionRequest, StopTransactionResponse } from './generated/index.js';
import { buildMeterValues } from './meter-values.js';
import { stopReason16 } from './mapping.js';

/** The version these messages are queued under: only a 1.6 sender takes them (the profile's `version`). */
export const OCPP16 = '1.6';

/** The journal keeps CSMS ids as text; a 1.6 transactionId is an integer, sent as a number. An id that is not one
 * (a 2.0.1 transaction's, after a version switch) is as unknown to a 1.6 CSMS as none: -1. */
function wireTransactionId(rec: TransactionRecord | undefined): number {
  const text = rec?.csmsId ?? '';
  const id = /^-?[0-9]+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(id) ? id : -1;
}

export function createTxMessageBuilder(settings: Settings, phasesOf: (evseId: number) => 1 | 3): TxMessageBuilder {
  return {
    ocppVersion: OCPP16,
    start(rec: TransactionRecord, args: TransactionStartArgs): OutboundMessage {
      const payload: StartTransactionRequest = { connectorId: rec.evseId, idTag: rec.idTag, meterStart: Math.round(args.meterStartWh), timestamp: args.timestamp };
      if (args.reservationId !== null) payload.reservationId = args.reservationId;
      return { action: 'StartTransaction', payload };
    },
    meter(rec: TransactionRecord, samples: MeterSample[]): OutboundMessage | null {
      const meterValue = buildMeterValues(samples, (s) => (s.context === 'Sample.Clock' ? settings.get('alignedMeasurands') : settings.get('sampledMeasurands')), phasesOf(rec.evseId));
      if (meterValue.length === 0) return null;
      const payload: Omit<MeterValuesRequest, 'transactionId'> = { connectorId: rec.evseId, meterValue };
      return { action: 'MeterValues', payload };
    },
    stop(rec: TransactionRecord, args: TransactionStopArgs): OutboundMessage {
      const payload: Omit<StopTransactionRequest, 'transactionId'> = { meterStop: Math.round(args.meterStopWh), timestamp: args.timestamp, reason: stopReason16(args.reason) };
      if (args.stopIdTag) payload.idTag = args.stopIdTag;
      const data = buildMeterValues(
        args.transactionData,
        (s) => (s.context === 'Sample.Clock' ? settings.get('stopTxnAlignedMeasurands') : settings.get('stopTxnSampledMeasurands')),
        phasesOf(rec.evseId),
      );
      if (data.length) payload.transactionData = data;
      return { action: 'StopTransaction', payload };
    },
  };
}

export interface TxResultSink {
  /** An idTagInfo from the CSMS: update the cache. */
  idTagInfo(idTag: string, info: IdTokenInfo): void;
  /** Every StartTransaction.conf: its idTagInfo tells the running transaction its owner's group, and whether the
   * id is accepted. */
  startAnswered(localId: string, info: IdTokenInfo): void;
}

export function createTxSendHooks(store: Store, sink: TxResultSink, log?: Logger): TxSendHooks {
  const record = (msg: QueuedMessage): TransactionRecord | undefined => (msg.txLocalId ? store.journal.get(msg.txLocalId) : undefined);
  return {
    ocppVersion: OCPP16,
    alreadyAnswered(msg) {
      // The journal commits the CSMS's answer before the queue row is deleted (two commits): a crash in between
      // leaves a row that was delivered. Sending it again would open a second transaction at the CSMS
      // (StartTransaction) or repeat a stop it already has. MeterValues leave no trace in the journal: that
      // window stays (a repeated sample, identical, which the CSMS can recognise).
      const rec = record(msg);
      if (!rec) return false;
      if (msg.kind === 'start') return rec.csmsId !== null;
      if (msg.kind === 'stop') return rec.stopState === 'confirmed';
      return false;
    },
    prepare(msg) {
      const rec = record(msg);
      if (msg.action === 'MeterValues' || msg.action === 'StopTransaction') {
        return { action: msg.action, payload: { ...(msg.payload as object), transactionId: wireTransactionId(rec) } };
      }
      if (rec && msg.kind === 'start' && rec.startState !== 'sent') store.journal.setStartState(rec.localId, 'sent');
      return { action: msg.action, payload: msg.payload };
    },
    onResult(msg, result) {
      if (!msg.txLocalId) return;
      if (msg.action === 'StartTransaction') {
        const conf = result as StartTransactionResponse;
        const known = store.journal.get(msg.txLocalId)?.csmsId ?? null;
        if (known !== null) {
          // A second answer to one start (a late answer and the resend's): every message of the session already
          // went, or will go, with the first id; a second id would split the session in two at the CSMS.
          if (known !== String(conf.transactionId)) {
            log?.warn({ tx: msg.txLocalId, kept: Number(known), ignored: conf.transactionId }, 'StartTransaction answered twice with different transaction ids: the first is kept');
          }
          return;
        }
        store.journal.setCsmsId(msg.txLocalId, String(conf.transactionId), conf.idTagInfo.status);
        const rec = store.journal.get(msg.txLocalId);
        if (rec) sink.idTagInfo(rec.idTag, conf.idTagInfo);
        sink.startAnswered(msg.txLocalId, conf.idTagInfo);
      } else if (msg.action === 'StopTransaction') {
        store.journal.setStopState(msg.txLocalId, 'confirmed');
        const conf = result as StopTransactionResponse;
        const idTag = (msg.payload as StopTransactionRequest).idTag;
        if (conf.idTagInfo && idTag) sink.idTagInfo(idTag, conf.idTagInfo);
      }
    },
    isConnectionError,
  };
}
