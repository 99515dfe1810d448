import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HalError } from '../errors.js';

export const SYSFS_GPIO_ROOT = '/sys/class/gpio';

export interface SysfsChip {
  /** Directory name under the root, e.g. gpiochip512. */
  dir: string;
  base: number;
  ngpio: number;
  label: string;
  /** Character-device name of the same controller (gpiochip0), when the kernel links it. */
  chardev: string | null;
}

function readTrim(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

export function listSysfsChips(root: string = SYSFS_GPIO_ROOT): SysfsChip[] {
  if (!existsSync(root)) return [];
  const chips: SysfsChip[] = [];
  for (const dir of readdirSync(root)) {
    if (!/^gpiochip\d+$/.test(dir)) continue;
    const base = Number(readTrim(join(root, dir, 'base')));
    const ngpio = Number(readTrim(join(root, dir, 'ngpio')));
    if (!Number.isInteger(base) || !Number.isInteger(ngpio)) continue;
    let chardev: string | null = null;
    try {
      chardev = readdirSync(join(root, dir, 'device')).find((n) => /^gpiochip\d+$/.test(n)) ?? null;
    } catch {
      chardev = null;
    }
    chips.push({ dir, base, ngpio, label: readTrim(join(root, dir, 'label')) ?? '', chardev });
  }
  return chips.sort((a, b) => a.base - b.base);
}

/**
 * The sysfs GPIO number of (chip, line). Kernels from 6.6 on no longer start the numbering at 0 (a Pi 4 shows its
 * header pins from 512, a Pi 5 from 571), which is what breaks onoff code that passes BCM numbers straight through
 * (onoff issues #197, #200). `chip` matches the character-device name (gpiochip0) first, then the label
 * (pinctrl-bcm2835); without it the controller that is gpiochip0, or else the lowest base, is used.
 */
export function sysfsGpioNumber(line: number, chip: string | undefined, root: string = SYSFS_GPIO_ROOT): number {
  const chips = listSysfsChips(root);
  if (chips.length === 0) {
    throw new HalError('GPIO_UNAVAILABLE', `no GPIO chips under ${root} (kernel without sysfs GPIO? use the chardev backend)`, { part: `gpio ${line}` });
  }
  let found: SysfsChip | undefined;
  if (chip !== undefined) {
    found = chips.find((c) => c.chardev === chip) ?? chips.find((c) => c.label === chip) ?? chips.find((c) => c.dir === chip);
    if (!found) throw new HalError('GPIO_UNAVAILABLE', `GPIO chip ${chip} not found under ${root}`, { part: `${chip}:${line}` });
  } else {
    found = chips.find((c) => c.chardev === 'gpiochip0') ?? chips[0]!;
  }
  if (line < 0 || line >= found.ngpio) {
    throw new HalError('GPIO_UNAVAILABLE', `line ${line} is outside ${found.dir} (${found.ngpio} lines)`, { part: `${chip ?? found.dir}:${line}` });
  }
  return found.base + line;
}
