import type { HalClock } from '../types.js';
import type { GpioBackend } from './types.js';

export interface GpioBackendConfig {
  backend: 'onoff' | 'chardev' | 'fake';
  chip?: string;
  sysfsRoot?: string;
  tools?: { gpioset?: string; gpioget?: string; gpiomon?: string };
}

/** Backend named by a board profile; each is loaded only when chosen (onoff's native part never loads in sim). */
export async function createGpioBackend(cfg: GpioBackendConfig, clock: HalClock, onError?: (err: Error) => void): Promise<GpioBackend> {
  switch (cfg.backend) {
    case 'onoff': {
      const { OnoffGpioBackend } = await import('./onoff-backend.js');
      return new OnoffGpioBackend({ clock, sysfsRoot: cfg.sysfsRoot, onError });
    }
    case 'chardev': {
      const { ChardevGpioBackend } = await import('./chardev-backend.js');
      return new ChardevGpioBackend({ clock, defaultChip: cfg.chip, tools: cfg.tools, onError });
    }
    case 'fake': {
      const { FakeGpioBackend } = await import('./fake-backend.js');
      return new FakeGpioBackend({ clock });
    }
  }
}
