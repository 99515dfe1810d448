/**
 * A real board (hal.driver "linux"): the profile named by hal.board, its GPIO backend, its Modbus meters and the
 * linux drivers of hal/linux, plus the control methods a technician uses to bring it up. Loaded by
 * hal-factory.ts with a dynamic import only when configured.
 *
 * What stops the agent and what does not:
 * - a profile that is invalid or does not match the config's EVSEs is a ConfigError (chargerd exits 2);
 * - a GPIO line, PWM or ADC that cannot be had fails start() (chargerd exits 1; systemd restarts it and the
 *   ExecStopPost puts the board in its safe state): without them the EVSE cannot be kept safe;
 * - a meter that cannot be started does not: the EVSE reports PowerMeterFailure until it answers.
 */
import { join } from 'node:path';
import type { Clock } from './clock/clock.js';
import type { ResolvedConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { AgentHal } from './agent-hal.js';
import { boardConfigError, resolveBoard } from './hal-linux-board.js';
import { createLinuxControl, type HalControlHandler } from './hal-linux-control.js';
import { prepareDryRun } from './hal-linux-dry-run.js';
import { HeldGpioBackend } from './hal-linux-gpio.js';
import { buildBoardMeters, type BoardMeters } from './hal-linux-meter.js';
import { buildReaders } from './hal-linux-rfid.js';
import type { RfidReaderConfig } from './hal-linux-rfid-config.js';
import { HalError } from '../hal/errors.js';
import { createGpioBackend } from '../hal/gpio/factory.js';
import type { GpioBackend } from '../hal/gpio/types.js';
import { createLinuxHal, type LinuxHal } from '../hal/linux/board.js';
import type { SerialPortFactory } from '../hal/modbus/rtu-bus.js';

export interface LinuxAgentHalOptions {
  /**
   * Drive the board's GPIO through this backend instead of the one the profile names: a FakeGpioBackend for a
   * dry run on a desk, or an in-process test that sets inputs and reads outputs. The caller owns it: it is not
   * closed when the HAL stops. PWM, ADC and meters are still the profile's.
   */
  gpioBackend?: GpioBackend;
  /** Opens the serial ports of RTU meters (default: the serialport package); tests pass SerialPortMock. */
  openPort?: SerialPortFactory;
}

export interface LinuxAgentHal extends AgentHal {
  hal: LinuxHal;
  control: Record<string, HalControlHandler>;
}

export async function createLinuxAgentHal(cfg: ResolvedConfig, clock: Clock, log: Logger, opts: LinuxAgentHalOptions = {}): Promise<LinuxAgentHal> {
  // parts: meters, phases and readers are checked here too, so one ConfigError lists every problem.
  const models = { ...(cfg.configFile ? { configFile: cfg.configFile } : {}), ...(cfg.hal.meterModelsDir ? { modelsDir: cfg.hal.meterModelsDir } : {}) };
  const resolved = resolveBoard(cfg.hal.board, { evses: cfg.evses, parts: true, ...models });
  const { source } = resolved;
  const dry = cfg.hal.dryRun === true && !opts.gpioBackend ? prepareDryRun(resolved.board, join(cfg.dataDir, 'dry-run'), clock) : null;
  const board = dry ? dry.board : resolved.board;
  if (dry) {
    log.warn(
      { board: board.name ?? null, source, standins: dry.dir },
      'DRY RUN (hal.dryRun): no hardware is driven; GPIO is simulated and PWM/ADC are stand-in files; meters and readers are real. Never on a charger.',
    );
  }

  let meters: BoardMeters;
  try {
    meters = buildBoardMeters(board, clock, log.child({ part: 'meter' }), opts.openPort);
  } catch (err) {
    if (err instanceof HalError && err.code === 'BAD_CONFIG') throw boardConfigError(resolved, err.details.part ?? '', err.message);
    throw err;
  }

  const onGpioError = (err: Error): void => log.error({ err: err.message }, 'GPIO backend error');
  const held = new HeldGpioBackend(opts.gpioBackend ?? dry?.gpio ?? (await createGpioBackend(board.gpio, clock, onGpioError)));
  const ownBackend = opts.gpioBackend === undefined;
  // Readers come from the config (hal.readers), not the profile: which reader serves which EVSE is the site's choice.
  const readerConfigs = (cfg.hal.readers ?? []) as RfidReaderConfig[];
  const readers = buildReaders(readerConfigs, clock, log.child({ part: 'reader' }), opts.openPort);
  const withReaders = { ...board, evses: board.evses.map((e) => (readers.has(e.id) ? { ...e, reader: { kind: 'config' } } : e)) };
  const inner = createLinuxHal(withReaders, clock, { buildMeter: (id) => meters.meters.get(id)!, buildReader: (id) => readers.get(id)!, gpioBackend: held, onGpioError });

  const hal: LinuxHal = {
    get evses() {
      return inner.evses;
    },
    get gpio() {
      return inner.gpio;
    },
    async start() {
      try {
        await inner.start();
      } catch (err) {
        if (ownBackend) await held.close().catch(() => undefined);
        throw err;
      }
      log.info({ board: board.name ?? null, source, gpio: held.name, evses: board.evses.length, ...(dry ? { dryRun: true } : {}) }, dry ? 'board started (DRY RUN: no hardware driven)' : 'board started');
    },
    async stop() {
      try {
        await inner.stop();
      } finally {
        if (ownBackend) await held.close();
      }
    },
    safeState() {
      inner.safeState();
    },
  };

  const control = createLinuxControl({ board, source, hal, gpio: held, meters, clock, log: log.child({ part: 'bring-up' }) });
  return { hal, sim: null, control };
}
