/**
 * Entry point for Modbus energy meters: build a meter from station config (model name, unit id, line) on a
 * shared line from a ModbusBusRegistry. Serial settings not given in the config come from the model's factory
 * defaults. Nothing here opens a port: that happens in the meter's start().
 */
import type { HalClock } from '../types.js';
import type { RtuBusConfig } from '../modbus/rtu-bus.js';
import type { TcpBusConfig } from '../modbus/tcp-bus.js';
import { ModbusBusRegistry, type BusConfig } from './bus-registry.js';
import { loadModel, type ModelFile } from './model.js';
import { ModbusMeter } from './modbus-meter.js';
import type { SupervisionConfig } from './meter-supervisor.js';

export { ModbusBusRegistry, busKey, type BusConfig, type ModbusBusRegistryDeps } from './bus-registry.js';
export { ModbusMeter, type ModbusMeterConfig } from './modbus-meter.js';
export { MeterSupervisor, SUPERVISION_DEFAULTS, type MeterSupervisorEvents, type SupervisionConfig } from './meter-supervisor.js';
export { loadModel, loadModelFile, validateModel, shippedModelNames, modelUrl, resolveModelRef, DEFAULT_MODELS_DIR, type ModelFile, type ModelLookup, type RegisterSpec } from './model.js';
export { planModelReads, planBlocks, type ReadBlock } from './read-plan.js';

/** RTU line settings; baudRate, parity, dataBits, stopBits default to the model's. */
export type RtuTransportConfig = { kind: 'rtu' } & Omit<RtuBusConfig, 'baudRate'> & { baudRate?: number };
export type TcpTransportConfig = { kind: 'tcp' } & TcpBusConfig;

export interface ModbusMeterFactoryConfig {
  /** Shipped model name (file name under hal/meters/models/ without .json), an absolute model file path, or a model object. */
  model: string | ModelFile;
  /** Default: the model's factory unit id. */
  unitId?: number;
  transport: RtuTransportConfig | TcpTransportConfig;
  supervision?: Partial<SupervisionConfig>;
}

export interface ModbusMeterFactoryDeps {
  clock: HalClock;
  registry: ModbusBusRegistry;
}

/** Throws HalError BAD_CONFIG for an unknown or invalid model, or line settings that clash with another meter's. */
export function createModbusMeter(cfg: ModbusMeterFactoryConfig, deps: ModbusMeterFactoryDeps): ModbusMeter {
  const model = loadModel(cfg.model);
  const t = cfg.transport;
  const busConfig: BusConfig =
    t.kind === 'rtu'
      ? {
          ...t,
          baudRate: t.baudRate ?? model.defaults.serial.baudRate,
          parity: t.parity ?? model.defaults.serial.parity,
          dataBits: t.dataBits ?? model.defaults.serial.dataBits,
          stopBits: t.stopBits ?? model.defaults.serial.stopBits,
        }
      : t;
  const bus = deps.registry.acquire(busConfig);
  return new ModbusMeter(
    { model, unitId: cfg.unitId ?? model.defaults.unitId, bus, ...(cfg.supervision ? { supervision: cfg.supervision } : {}) },
    deps.clock,
  );
}
