/**
 * Metering of one running transaction: the OCPP samples (MeterValueSampleInterval), the watch that reads the
 * meter and keeps the journal's register young, and the samples kept for the stop's transaction data.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { MeterReading } from '../../hal/types.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import { METER_WATCH_MS, type EvseMeter } from './evse-meter.js';
import type { TransactionLedger } from './ports.js';
import type { Settings } from './settings.js';
import type { TxRecords } from './tx-records.js';
import { thinSamples } from './thin-samples.js';
import type { MeterSample, ReadingContext } from './types.js';

/**
 * Most age of the register the journal holds while a transaction runs (besides every status change): what a
 * power loss bills when the meter cannot be read at the restart. Independent of the OCPP sample interval.
 */
export const JOURNAL_READING_MS = 60_000;

/** Where a transaction is in its life, for the timers and reads that outlive a step of it. */
export type TxPhase = 'running' | 'stopping' | 'gone';

/** What the metering of every transaction of one EVSE shares. */
export interface TxMeteringDeps {
  clock: Clock;
  settings: Settings;
  ledger: TransactionLedger;
  meter: EvseMeter;
  /** Each sample carries the current offered at its moment. */
  pilot: { readonly offeredCurrentA: number };
  storage: Pick<TxRecords, 'ok' | 'failed'>;
}

/** `timestamp`: the instant of the event the sample belongs to (start, stop), so both carry the same time. */
export function makeSample(d: Pick<TxMeteringDeps, 'clock' | 'pilot'>, context: ReadingContext, reading: MeterReading, timestamp = d.clock.now().toISOString()): MeterSample {
  return { timestamp, context, reading, offeredCurrentA: d.pilot.offeredCurrentA };
}

export class TxMetering {
  private stopSamples: MeterSample[] = [];
  private sampleTimer: TimerHandle | null = null;
  /** Reads the meter every METER_WATCH_MS and journals the register every JOURNAL_READING_MS. */
  private watchTimer: TimerHandle | null = null;
  private journaledAtMs: number;

  /** `phase`: timers and late reads do nothing once the transaction is stopping or gone. */
  constructor(
    private readonly d: TxMeteringDeps,
    private readonly record: TransactionRecord,
    private readonly phase: () => TxPhase,
  ) {
    this.journaledAtMs = d.clock.monotonicMs();
  }

  /** `begin`: the Transaction.Begin sample, kept for the stop. */
  start(begin: MeterSample): void {
    this.keepStopSample(begin);
    this.armSampling();
    this.armWatch();
  }

  stop(): void {
    this.d.clock.clear(this.sampleTimer);
    this.sampleTimer = null;
    this.d.clock.clear(this.watchTimer);
    this.watchTimer = null;
  }

  /** The samples the stop carries as transaction data. */
  samplesForStop(): MeterSample[] {
    return this.stopSamples;
  }

  /** A sample taken outside the sample timer (clock-aligned or triggered), while the transaction runs. */
  sampleTaken(s: MeterSample): void {
    this.recordSample(s);
    if (s.context === 'Sample.Clock' && this.d.settings.get('stopTxnAlignedMeasurands').length > 0) this.keepStopSample(s);
  }

  keepStopSample(s: MeterSample): void {
    this.stopSamples.push(s);
    const max = this.d.settings.get('stopTransactionMaxMeterValues');
    if (this.stopSamples.length > max) this.stopSamples = thinSamples(this.stopSamples, max);
  }

  journalReading(reading: MeterReading): void {
    if (this.phase() !== 'running') return;
    try {
      this.d.ledger.noteReading(this.record, reading.energyImportWh, this.d.clock.now().toISOString());
      this.journaledAtMs = this.d.clock.monotonicMs();
      this.d.storage.ok();
    } catch (err) {
      this.d.storage.failed('meter register not journaled', err);
    }
  }

  private armSampling(): void {
    const s = this.d.settings.get('meterValueSampleIntervalS');
    if (s <= 0) return;
    this.sampleTimer = this.d.clock.setInterval(() => {
      if (this.phase() !== 'running') return;
      void this.d.meter.read().then((reading) => {
        if (!reading || this.phase() !== 'running') return;
        const sample = makeSample(this.d, 'Sample.Periodic', reading);
        this.recordSample(sample);
        if (this.d.settings.get('stopTxnSampledMeasurands').length > 0) this.keepStopSample(sample);
      });
    }, s * 1000);
  }

  /** While a transaction runs: feed the meter's supervision, and keep the journal's register young. */
  private armWatch(): void {
    this.watchTimer = this.d.clock.setInterval(() => {
      if (this.phase() !== 'running') return;
      void this.d.meter.read().then((r) => {
        if (r && this.d.clock.monotonicMs() - this.journaledAtMs >= JOURNAL_READING_MS) this.journalReading(r);
      });
    }, METER_WATCH_MS);
  }

  private recordSample(sample: MeterSample): void {
    try {
      this.d.ledger.meter(this.record, [sample]);
      this.journaledAtMs = this.d.clock.monotonicMs();
      this.d.storage.ok();
    } catch (err) {
      // The session goes on: the energy is in the meter register, and the stop will carry it.
      this.d.storage.failed('meter sample not recorded', err);
    }
  }
}
