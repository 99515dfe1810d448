/**
 * The durable transaction ledger: journal rows and their OCPP messages, committed together. The messages'
 * wire form comes from the profile's builder; what is stored, when and in which order is decided here.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage, Store, TransactionRecord } from '../../offline-queue/types.js';
import type { TransactionLedger, TransactionStartArgs, TransactionStopArgs } from '../station/ports.js';
import type { MeterSample } from '../station/types.js';

export interface OutboundMessage {
  action: string;
  payload: unknown;
}

/** Builds the version-specific messages of a transaction (implemented by each OCPP profile). */
export interface TxMessageBuilder {
  /** The OCPP version the messages are queued under: only that version's sender takes them. */
  readonly ocppVersion: string;
  start(rec: TransactionRecord, args: TransactionStartArgs): OutboundMessage;
  /** null when none of the configured measurands is available (nothing to send). */
  meter(rec: TransactionRecord, samples: MeterSample[]): OutboundMessage | null;
  stop(rec: TransactionRecord, args: TransactionStopArgs): OutboundMessage;
  /**
   * A CSMS transaction id the station makes itself (2.0.1 transactionId), recorded as the journal's csmsId in the
   * same commit as the row. Omitted: the CSMS gives it (1.6 StartTransaction.conf).
   */
  csmsIdAtStart?(rec: TransactionRecord): string;
}

export class DurableLedger implements TransactionLedger {
  constructor(
    private readonly store: Store,
    private readonly builder: TxMessageBuilder,
    /** Called after something was queued, so the sender can wake up. */
    private readonly onQueued: () => void,
    private readonly maxQueueDepth: () => number,
  ) {}

  begin(args: TransactionStartArgs): TransactionRecord {
    const localId = randomUUID();
    const draft: TransactionRecord = {
      localId,
      evseId: args.evseId,
      idTag: args.idTag,
      csmsId: null,
      startedAt: args.timestamp,
      meterStartWh: args.meterStartWh,
      lastMeterWh: args.meterStartWh,
      lastMeterAt: args.timestamp,
      stoppedAt: null,
      meterStopWh: null,
      stopReason: null,
      stopIdTag: null,
      startState: 'pending',
      stopState: null,
      authStatus: args.authStatus,
      extra: { parentIdTag: args.parentIdTag, remoteStartId: args.remoteStartId, reservationId: args.reservationId },
    };
    const csmsId = this.builder.csmsIdAtStart?.(draft) ?? null;
    if (csmsId !== null) draft.csmsId = csmsId;
    const start = this.versioned(this.builder.start(draft, args));
    const open = () => this.store.journal.open({ localId, evseId: args.evseId, idTag: args.idTag, startedAt: args.timestamp, meterStartWh: args.meterStartWh, extra: draft.extra }, start);
    const rec =
      csmsId === null
        ? open()
        : this.store.atomically(() => {
            const opened = open();
            this.store.journal.setCsmsId(localId, csmsId, args.authStatus);
            return { ...opened, csmsId, authStatus: args.authStatus };
          });
    this.onQueued();
    return rec;
  }

  meter(rec: TransactionRecord, samples: MeterSample[]): void {
    if (samples.length === 0) return;
    const last = samples[samples.length - 1]!;
    const msg = this.builder.meter(rec, samples);
    // One commit for the journal's last reading and the message: a crash can never leave a queued sample newer
    // than the journal (a power-loss stop made from the journal would then go backwards), and one fsync
    // instead of two per sample. The journal is still written first, for stores where `atomically` is not all
    // or nothing (memory).
    this.store.atomically(() => {
      this.store.journal.updateMeter(rec.localId, last.reading.energyImportWh, last.timestamp);
      if (!msg) return;
      this.store.queue.enqueue({ ...this.versioned(msg), kind: 'meter', txLocalId: rec.localId, createdAt: samples[0]!.timestamp });
      this.store.queue.enforceCap(this.maxQueueDepth());
    });
    if (msg) this.onQueued();
  }

  /**
   * A transaction event that carries no sample of its own (2.0.1 TransactionEvent Updated for a charging-state
   * change), queued behind the transaction's earlier messages. Queued as kind 'meter': intermediate, so the cap
   * policy may thin it like a sample when the queue is full — never the start or the stop.
   */
  event(rec: TransactionRecord, msg: OutboundMessage, at: string): void {
    this.store.atomically(() => {
      this.store.queue.enqueue({ ...this.versioned(msg), kind: 'meter', txLocalId: rec.localId, createdAt: at });
      this.store.queue.enforceCap(this.maxQueueDepth());
    });
    this.onQueued();
  }

  noteReading(rec: TransactionRecord, energyWh: number, timestamp: string): void {
    this.store.journal.updateMeter(rec.localId, energyWh, timestamp);
  }

  end(rec: TransactionRecord, args: TransactionStopArgs): boolean {
    const current = this.store.journal.get(rec.localId) ?? rec;
    const done = this.store.journal.close(
      rec.localId,
      { stoppedAt: args.timestamp, meterStopWh: args.meterStopWh, reason: args.reason, stopIdTag: args.stopIdTag },
      this.versioned(this.builder.stop(current, args)),
    );
    if (done) this.onQueued();
    return done;
  }

  private versioned(msg: OutboundMessage): OutgoingMessage {
    return { action: msg.action, payload: msg.payload, ocppVersion: this.builder.ocppVersion };
  }

  unfinished(): TransactionRecord[] {
    return this.store.journal.unfinished();
  }

  current(localId: string): TransactionRecord | undefined {
    return this.store.journal.get(localId);
  }
}
