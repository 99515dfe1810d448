/**
 * A transaction whose id the CSMS or the local authorization rejected while StopTransactionOnInvalidId is false:
 * it goes on without energy, at once or once it delivered MaxEnergyOnInvalidId more.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { TransactionRecord } from '../../offline-queue/index.js';
import type { EvseMeter } from './evse-meter.js';
import type { Settings } from './settings.js';
import type { TxPhase } from './tx-metering.js';

/** How often the energy delivered after the CSMS rejected the id is compared with MaxEnergyOnInvalidId. */
export const INVALID_ID_ENERGY_CHECK_MS = 1000;

export interface InvalidIdEnergyDeps {
  clock: Clock;
  settings: Settings;
  log: Logger;
  meter: EvseMeter;
  evseId: number;
}

/** One per transaction. */
export class InvalidIdEnergy {
  private suspendedByInvalidId = false;
  /** Meter register when the CSMS rejected the id (MaxEnergyOnInvalidId counts from there). */
  private invalidatedAtWh: number | null = null;
  private timer: TimerHandle | null = null;

  /** `onSuspend`: the energy must stop now (the EVSE withdraws its offer and updates its status). */
  constructor(
    private readonly d: InvalidIdEnergyDeps,
    private readonly record: TransactionRecord,
    private readonly phase: () => TxPhase,
    private readonly onSuspend: () => void,
  ) {}

  /** The CSMS or the local authorization said no but StopTransactionOnInvalidId is false: no energy. */
  get suspended(): boolean {
    return this.suspendedByInvalidId;
  }

  /** The id was rejected (StopTransactionOnInvalidId false). */
  rejected(): void {
    if (this.d.settings.get('maxEnergyOnInvalidIdWh') > 0 && !this.suspendedByInvalidId) {
      // MaxEnergyOnInvalidId: the session may still deliver this much from now on, then the EVSE suspends it.
      this.invalidatedAtWh = this.d.meter.last?.energyImportWh ?? this.record.lastMeterWh;
      void this.d.meter.read().then((r) => {
        if (r && this.phase() !== 'gone') this.invalidatedAtWh = r.energyImportWh; // the register at the rejection itself
      });
      this.d.clock.clear(this.timer);
      this.timer = this.d.clock.setInterval(() => void this.check(), INVALID_ID_ENERGY_CHECK_MS);
    } else {
      this.suspend();
    }
  }

  stop(): void {
    this.d.clock.clear(this.timer);
    this.timer = null;
  }

  private suspend(): void {
    this.stop();
    this.suspendedByInvalidId = true;
    this.onSuspend();
  }

  private async check(): Promise<void> {
    if (this.phase() !== 'running' || this.invalidatedAtWh === null) return;
    const reading = await this.d.meter.read();
    if (!reading || this.phase() !== 'running' || this.suspendedByInvalidId) return;
    if (reading.energyImportWh - this.invalidatedAtWh >= this.d.settings.get('maxEnergyOnInvalidIdWh')) {
      this.d.log.info({ evse: this.d.evseId, tx: this.record.localId }, 'MaxEnergyOnInvalidId reached: energy suspended');
      this.suspend();
    }
  }
}
