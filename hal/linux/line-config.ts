import type { GpioBackend, GpioLine, GpioLineSpec } from '../gpio/types.js';

/** A GPIO line as a board profile names it. */
export interface LineConfig {
  line: number;
  /** Overrides the board's gpio.chip for this line. */
  chip?: string;
  activeLow?: boolean;
  /** Inputs only. */
  debounceMs?: number;
}

export function outputSpec(cfg: LineConfig, defaultChip: string | undefined): GpioLineSpec {
  return { chip: cfg.chip ?? defaultChip, line: cfg.line, direction: 'out', activeLow: cfg.activeLow, initial: 0 };
}

export function inputSpec(cfg: LineConfig, defaultChip: string | undefined): GpioLineSpec {
  return { chip: cfg.chip ?? defaultChip, line: cfg.line, direction: 'in', edge: 'both', activeLow: cfg.activeLow, debounceMs: cfg.debounceMs };
}

/** Open lines in order; on a failure close the ones already opened so start() leaves nothing behind. */
export async function openAll(backend: GpioBackend, specs: GpioLineSpec[]): Promise<GpioLine[]> {
  const lines: GpioLine[] = [];
  try {
    for (const s of specs) lines.push(await backend.open(s));
  } catch (err) {
    for (const l of lines) l.close();
    throw err;
  }
  return lines;
}
