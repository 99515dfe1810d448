/**
 * Hardware abstraction: the narrow interfaces the station drives. Every part has a simulated driver
 * (hal/sim) and may have real drivers (hal/linux, hal/modbus), chosen by config in hal/index.ts.
 *
 * Rules every driver follows:
 * - Commands that matter for safety (contactor open, pilot off/fault) are synchronous: they have changed the
 *   output when they return, so a fault handler can open the contactor before any await.
 * - Events are emitted synchronously from the input that caused them (see hal/emitter.ts).
 * - A constructor only stores its arguments; start() acquires the hardware, stop() releases every handle.
 */
import type { Emitter } from './emitter.js';
import type { HalError } from './errors.js';

export type CpState = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** The part of the agent's Clock that drivers need (structurally compatible with agent/clock). */
export interface HalTimerHandle {
  readonly id: number;
}
export interface HalClock {
  now(): Date;
  monotonicMs(): number;
  setTimeout(fn: () => void, ms: number): HalTimerHandle;
  setInterval(fn: () => void, ms: number): HalTimerHandle;
  clear(handle: HalTimerHandle | undefined | null): void;
}

export interface HalLifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** IEC 61851 control pilot: reads the CP state, generates the PWM that offers current. */
export interface ControlPilot extends HalLifecycle {
  readonly events: Emitter<{ state: (state: CpState, previous: CpState) => void }>;
  readonly state: CpState;
  /** Duty cycle now on the wire, percent; 100 means steady +12 V (X1, not ready to supply); 0 means -12 V (F). */
  readonly dutyCyclePercent: number;
  /** Offer `amps` by PWM (IEC 61851 duty-cycle formula); 0 switches PWM off (X1). */
  setOfferedCurrent(amps: number): void;
  /** Steady -12 V: state F, EVSE not available. Used on faults. */
  setFault(): void;
  /** Current the PWM offers now, in A (0 when PWM is off). */
  readonly offeredCurrentA: number;
  /** Why the pilot cannot be read (ADC error), null while it reads. An unreadable pilot reports state F. */
  readonly readError: string | null;
}

/** Proximity pilot (sockets): whether a cable is in the socket and its current rating. */
export interface ProximityPilot extends HalLifecycle {
  readonly events: Emitter<{ change: (cablePresent: boolean, cableMaxCurrentA: number | null) => void }>;
  readonly cablePresent: boolean;
  readonly cableMaxCurrentA: number | null;
}

export type ContactorFault = 'welded' | 'stuck-open';

/** Main contactor (relays) with optional feedback (mirror contacts). */
export interface Contactor extends HalLifecycle {
  readonly events: Emitter<{
    /** Feedback disagrees with the command after the settle time. */
    fault: (kind: ContactorFault) => void;
    feedback: (closed: boolean) => void;
  }>;
  readonly commandedClosed: boolean;
  /** null when the hardware has no feedback input. */
  readonly feedbackClosed: boolean | null;
  close(): void;
  open(): void;
}

/** Residual current monitor (RCD / RDC-DD). */
export interface ResidualCurrentMonitor extends HalLifecycle {
  readonly events: Emitter<{ trip: () => void; reset: () => void }>;
  readonly tripped: boolean;
  readonly canSelfTest: boolean;
  /** Resolves true when the device tripped and recovered as it should; false on a failed test. */
  selfTest(): Promise<boolean>;
}

/** Connector (cable) lock of a socket outlet. */
export interface ConnectorLock extends HalLifecycle {
  readonly events: Emitter<{ change: (locked: boolean) => void }>;
  readonly locked: boolean;
  /** Rejects with HalError LOCK_FAILED when the lock does not reach the locked position. */
  lock(): Promise<void>;
  /** Rejects with HalError UNLOCK_FAILED when it does not release. */
  unlock(): Promise<void>;
}

export type Phase = 'L1' | 'L2' | 'L3';

export type MeterEvents = {
  /** The meter is failing: failuresBeforeFault failed reads in a row, or a plausibility fault (METER_BACKWARDS,
   * METER_STALE). Emitted synchronously inside the read that decided it, before that read() rejects; again only
   * when the reason (code) changes. */
  fault: (err: HalError) => void;
  /** The first good read after a fault. */
  recovered: () => void;
};

/** One reading of an energy meter. Only `energyImportWh` is required; the rest where the meter has it. */
export interface MeterReading {
  /** Monotonic counter of imported active energy, Wh. */
  energyImportWh: number;
  energyExportWh?: number;
  /** Total active import power, W. */
  powerW?: number;
  currentA?: Partial<Record<Phase, number>>;
  voltageV?: Partial<Record<Phase, number>>;
  powerPerPhaseW?: Partial<Record<Phase, number>>;
  frequencyHz?: number;
}

export type Measurand = 'energy' | 'power' | 'current' | 'voltage' | 'frequency' | 'energyExport' | 'powerPerPhase';

export interface EnergyMeter extends HalLifecycle {
  readonly events: Emitter<MeterEvents>;
  /** What this meter can report (drives which measurands the station accepts in its configuration). */
  readonly measurands: readonly Measurand[];
  readonly phases: 1 | 3;
  /** Rejects with a HalError (timeout, CRC, stale...) on failure. */
  read(): Promise<MeterReading>;
}

/** RFID / NFC reader, or any source of identifiers presented by a user at one EVSE. */
export interface IdentifierReader extends HalLifecycle {
  readonly events: Emitter<IdentifierReaderEvents>;
  /** Why the reader cannot read cards now (not answering, unplugged...), null while it reads. */
  readonly fault: string | null;
}

export type IdentifierReaderEvents = {
  /** One card presented: emitted once per presentation, not again while it stays on the reader. */
  tag: (idTag: string) => void;
  /** The reader stopped working (emitted once, until `recovered`). Never a reason to stop charging. */
  fault: (reason: string) => void;
  recovered: () => void;
};

export type ConnectorKind = 'socket' | 'cable';

/** Everything one EVSE (one connector) is made of. */
export interface EvseHardware {
  readonly evseId: number;
  readonly connector: ConnectorKind;
  readonly pilot: ControlPilot;
  readonly proximity: ProximityPilot | null;
  readonly contactor: Contactor;
  readonly rcd: ResidualCurrentMonitor | null;
  readonly lock: ConnectorLock | null;
  readonly meter: EnergyMeter;
  readonly reader: IdentifierReader | null;
}

/** The station's hardware: one EvseHardware per EVSE, plus station-wide parts. */
export interface Hal extends HalLifecycle {
  readonly evses: ReadonlyMap<number, EvseHardware>;
  /** Open every contactor and stop every PWM, synchronously, whatever state the agent is in. */
  safeState(): void;
}
