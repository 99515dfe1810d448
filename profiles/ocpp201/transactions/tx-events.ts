/**
 * The 2.0.1 wire form of a transaction (E01-E15): TransactionEvent Started / Updated / Ended as the ledger
 * queues them. The transactionId is the journal's localId (a UUID, 36 characters as TransactionType allows),
 * made by the station and known at once, so it is in every queued payload. The seqNo is not: it is given at
 * the first send (tx-send-hooks.ts), so that messages the queue thins out never consume one.
 *
 * `offline` is decided when the event happens (queued while the CSMS could not be reached), not when it is sent.
 */
import type { TransactionStartArgs, TransactionStopArgs } from '../../../agent/station/ports.js';
import type { Settings } from '../../../agent/station/settings.js';
import type { MeterSample } from '../../../agent/station/types.js';
import type { OutboundMessage, TxMessageBuilder } from '../../../agent/transactions/ledger.js';
import type { TransactionRecord } from '../../../offline-queue/types.js';
import type { IdTokenType, MeterValueType } from '../generated/common.js';
import type { ChargingStateEnumType, TransactionEventRequest, TriggerReasonEnumType } from '../generated/TransactionEvent.js';
import { CONNECTOR_ID } from '../station-model.js';
import { chargingStateOf, STOP_TRIGGER, STOPPED_REASON } from './mapping.js';
import { meterValue201, meterValues201 } from './meter-values.js';

export const OCPP201 = '2.0.1';

/** A queued TransactionEvent: everything but the seqNo. */
export type QueuedTransactionEvent = Omit<TransactionEventRequest, 'seqNo'>;

export interface TxEventDeps {
  settings: Settings;
  phasesOf: (evseId: number) => 1 | 3;
  /** The CSMS can be reached now (registered and connected). */
  online: () => boolean;
  /** The idToken type of an id (a remote start names it; a card is the reader's type). */
  tokenType: (idTag: string) => IdTokenType['type'];
  /** The EV is still plugged in (the Ended event's chargingState). */
  evPlugged: (evseId: number) => boolean;
  /** The charging state of the EVSE now (F06.FR.07: a triggered Updated carries it); null when none applies. */
  chargingState?: (evseId: number) => ChargingStateEnumType | null;
  /**
   * Clock-aligned samples of a running transaction go out as Updated (MeterValueClock); false when
   * AlignedDataCtrlr.SendDuringIdle (J01.FR.19/20) or Enabled false says no aligned data during transactions.
   */
  alignedDuringTx?: () => boolean;
  /** A transaction's Started event was built with this charging state (Idle: begun at Authorized, no EV yet). */
  startedIn?: (localId: string, state: ChargingStateEnumType) => void;
}

export function createTxEventBuilder(d: TxEventDeps): TxMessageBuilder & { chargingStateChanged(rec: TransactionRecord, state: ChargingStateEnumType, timestamp: string, trigger?: TriggerReasonEnumType): OutboundMessage } {
  const base = (rec: TransactionRecord, eventType: QueuedTransactionEvent['eventType'], triggerReason: TriggerReasonEnumType, timestamp: string, state: ChargingStateEnumType): QueuedTransactionEvent => {
    const ev: QueuedTransactionEvent = { eventType, timestamp, triggerReason, transactionInfo: { transactionId: rec.localId, chargingState: state } };
    if (!d.online()) ev.offline = true;
    return ev;
  };
  const idToken = (idTag: string): IdTokenType => ({ idToken: idTag, type: d.tokenType(idTag) });
  const msg = (payload: QueuedTransactionEvent): OutboundMessage => ({ action: 'TransactionEvent', payload });
  return {
    ocppVersion: OCPP201,
    csmsIdAtStart: (rec) => rec.localId,
    start(rec: TransactionRecord, args: TransactionStartArgs): OutboundMessage {
      // With TxStartPoint PowerPathClosed the start point reached last names the start (E01 / E02, F01).
      const trigger: TriggerReasonEnumType = args.remoteStartId !== null ? 'RemoteStart' : args.startedBy === 'EVConnected' ? 'CablePluggedIn' : 'Authorized';
      // TxStartPoint Authorized begins before the EV is there (E03): Idle until it plugs in.
      const state: ChargingStateEnumType = d.evPlugged(rec.evseId) ? 'EVConnected' : 'Idle';
      d.startedIn?.(rec.localId, state);
      const ev = base(rec, 'Started', trigger, args.timestamp, state);
      if (args.remoteStartId !== null) ev.transactionInfo.remoteStartId = args.remoteStartId;
      if (args.reservationId !== null) ev.reservationId = args.reservationId;
      ev.evse = { id: rec.evseId, connectorId: CONNECTOR_ID };
      ev.idToken = idToken(args.idTag);
      const begin: MeterSample = { timestamp: args.timestamp, context: 'Transaction.Begin', reading: { energyImportWh: args.meterStartWh }, offeredCurrentA: 0 };
      const mv = meterValue201(begin, ['Energy.Active.Import.Register'], d.phasesOf(rec.evseId));
      if (mv) ev.meterValue = [mv];
      return msg(ev);
    },
    meter(rec: TransactionRecord, samples: MeterSample[]): OutboundMessage | null {
      const s = d.settings;
      const clock = samples.every((x) => x.context === 'Sample.Clock');
      if (clock && d.alignedDuringTx && !d.alignedDuringTx()) return null;
      const triggered = !clock && samples.some((x) => x.context === 'Trigger');
      const mv = meterValues201(samples, (x) => (x.context === 'Sample.Clock' ? s.get('alignedMeasurands') : s.get('sampledMeasurands')), d.phasesOf(rec.evseId));
      // A triggered Updated is sent even without measurands (F06.FR.10: what was Accepted goes out).
      if (!mv && !triggered) return null;
      const trigger: TriggerReasonEnumType = clock ? 'MeterValueClock' : triggered ? 'Trigger' : 'MeterValuePeriodic';
      // A sample is taken while charging or suspended; the state itself is reported by ChargingStateChanged,
      // except in a triggered Updated, which carries it (F06.FR.07).
      const ev: QueuedTransactionEvent = { eventType: 'Updated', timestamp: samples[samples.length - 1]!.timestamp, triggerReason: trigger, transactionInfo: { transactionId: rec.localId } };
      const state = triggered ? d.chargingState?.(rec.evseId) : null;
      if (state) ev.transactionInfo.chargingState = state;
      if (mv) ev.meterValue = mv;
      if (!d.online()) ev.offline = true;
      return msg(ev);
    },
    stop(rec: TransactionRecord, args: TransactionStopArgs): OutboundMessage {
      const state: ChargingStateEnumType = d.evPlugged(rec.evseId) ? 'EVConnected' : 'Idle';
      const ev = base(rec, 'Ended', STOP_TRIGGER[args.reason], args.timestamp, state);
      ev.transactionInfo.stoppedReason = STOPPED_REASON[args.reason];
      if (args.stopIdTag) ev.idToken = idToken(args.stopIdTag);
      const s = d.settings;
      const data = meterValues201(args.transactionData, (x) => (x.context === 'Sample.Clock' ? s.get('stopTxnAlignedMeasurands') : s.get('stopTxnSampledMeasurands')), d.phasesOf(rec.evseId));
      // The register at the end is always sent (what the CSMS bills), even with TxEndedMeasurands empty.
      const end: MeterSample = { timestamp: args.timestamp, context: 'Transaction.End', reading: { energyImportWh: args.meterStopWh }, offeredCurrentA: 0 };
      const hasEnd = data?.some((m) => m.sampledValue.some((v) => v.context === 'Transaction.End' && v.measurand === 'Energy.Active.Import.Register'));
      const endMv = hasEnd ? null : meterValue201(end, ['Energy.Active.Import.Register'], d.phasesOf(rec.evseId));
      const all: MeterValueType[] = [...(data ?? []), ...(endMv ? [endMv] : [])];
      if (all.length) ev.meterValue = all as [MeterValueType, ...MeterValueType[]];
      return msg(ev);
    },
    chargingStateChanged(rec: TransactionRecord, state: ChargingStateEnumType, timestamp: string, trigger: TriggerReasonEnumType = 'ChargingStateChanged'): OutboundMessage {
      return msg(base(rec, 'Updated', trigger, timestamp, state));
    },
  };
}

export { chargingStateOf };
