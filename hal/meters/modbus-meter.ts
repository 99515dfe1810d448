/**
 * The one generic Modbus energy meter driver: everything model-specific is in the model file (register map),
 * so supporting a new meter is a data change. A read fetches the model's registers in as few requests as its
 * limits allow (read-plan.ts), decodes and scales them to Wh / W / A / V / Hz, and passes the reading through
 * the MeterSupervisor (backwards, stale and repeated-failure checks; `events`, `faulted`).
 *
 * The meter starts and stops the bus it is given. Meters sharing one line must each get their own handle from
 * ModbusBusRegistry, which starts the line with its first user and stops it with its last.
 */
import { HalError } from '../errors.js';
import type { Emitter } from '../emitter.js';
import type { EnergyMeter, HalClock, Measurand, MeterEvents, MeterReading, Phase } from '../types.js';
import type { ModbusBus } from '../modbus/bus.js';
import { decodeValue, resolution } from './decode.js';
import { loadModel, modelMeasurands, type ModelFile } from './model.js';
import { MeterSupervisor, type SupervisionConfig } from './meter-supervisor.js';
import { planModelReads, type ReadBlock } from './read-plan.js';

export interface ModbusMeterConfig {
  /** A shipped model name ('eastron-sdm630') or a model object. */
  model: string | ModelFile;
  unitId: number;
  bus: ModbusBus;
  supervision?: Partial<SupervisionConfig>;
}

interface Loaded {
  model: ModelFile;
  blocks: ReadBlock[];
  measurands: Measurand[];
}

export class ModbusMeter implements EnergyMeter {
  private readonly supervisor: MeterSupervisor;
  private loadedModel: Loaded | null = null;
  private running = false;

  constructor(
    private readonly config: ModbusMeterConfig,
    clock: HalClock,
  ) {
    this.supervisor = new MeterSupervisor(config.supervision ?? {}, clock, (wh) => this.energyResolutionWh(wh));
  }

  /** The supervisor's: `fault` after failuresBeforeFault failed reads in a row or a plausibility fault. */
  get events(): Emitter<MeterEvents> {
    return this.supervisor.events;
  }

  /**
   * A failure outside read() that counts as a failed read toward failuresBeforeFault (ResilientMeter: a meter
   * that cannot be started). Emits `fault` when it reaches the threshold; returns the error to throw.
   */
  recordFailure(err: unknown): HalError {
    return this.supervisor.failed(err);
  }

  /** True after a supervision fault until a good reading; `fault` says why. */
  get faulted(): boolean {
    return this.supervisor.faulted;
  }

  get fault(): HalError | null {
    return this.supervisor.fault;
  }

  get measurands(): readonly Measurand[] {
    return this.loaded().measurands;
  }

  get phases(): 1 | 3 {
    return this.loaded().model.phases;
  }

  get model(): ModelFile {
    return this.loaded().model;
  }

  get unitId(): number {
    return this.config.unitId;
  }

  /** The requests one read() makes, for diagnostics and `chargerctl hal probe`. */
  get readPlan(): readonly ReadBlock[] {
    return this.loaded().blocks;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.loaded();
    const id = this.config.unitId;
    if (!Number.isInteger(id) || id < 1 || id > 247) throw new HalError('BAD_CONFIG', `meter unit id ${id} not in 1..247`);
    await this.config.bus.start();
    this.supervisor.reset();
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.config.bus.stop();
  }

  async read(): Promise<MeterReading> {
    if (!this.running) throw new HalError('METER_UNAVAILABLE', `meter unit ${this.config.unitId} on ${this.config.bus.key} is not started`);
    const { model, blocks } = this.loaded();
    const values = new Map<string, number>();
    try {
      for (const block of blocks) {
        const regs = await this.config.bus.readRegisters({
          unitId: this.config.unitId,
          functionCode: model.functionCode,
          address: block.address,
          count: block.count,
        });
        for (const field of block.fields) {
          const v = decodeValue(regs, field.offset, field.spec);
          if (v !== undefined) values.set(field.path, v);
        }
      }
    } catch (err) {
      throw this.supervisor.failed(err);
    }
    const energy = values.get('energy');
    if (energy === undefined) {
      throw this.supervisor.failed(
        new HalError('METER_UNAVAILABLE', `${model.model} unit ${this.config.unitId} reports its energy counter as not available`),
      );
    }
    return this.supervisor.accept(toReading(energy, values));
  }

  private loaded(): Loaded {
    if (!this.loadedModel) {
      const model = loadModel(this.config.model);
      this.loadedModel = { model, blocks: planModelReads(model), measurands: modelMeasurands(model) };
    }
    return this.loadedModel;
  }

  private energyResolutionWh(energyWh: number): number {
    return resolution(this.loaded().model.measurands.energy, energyWh);
  }
}

const PHASED: Record<string, 'currentA' | 'voltageV' | 'powerPerPhaseW'> = {
  current: 'currentA',
  voltage: 'voltageV',
  powerPerPhase: 'powerPerPhaseW',
};

const SCALAR: Record<string, 'energyExportWh' | 'powerW' | 'frequencyHz'> = {
  energyExport: 'energyExportWh',
  power: 'powerW',
  frequency: 'frequencyHz',
};

function toReading(energyImportWh: number, values: ReadonlyMap<string, number>): MeterReading {
  const reading: MeterReading = { energyImportWh };
  for (const [path, value] of values) {
    const [name, phase] = path.split('.') as [string, Phase | undefined];
    if (phase) {
      const key = PHASED[name];
      if (key) (reading[key] ??= {})[phase] = value;
    } else {
      const key = SCALAR[name];
      if (key) reading[key] = value;
    }
  }
  return reading;
}
