import type { SettingsStore } from '../types.js';
import { checkString } from '../validate.js';
import type { MemoryGuard } from './guard.js';

export function memorySettings(guard: MemoryGuard): SettingsStore {
  const values = new Map<string, string>();
  return {
    getAll: () =>
      guard.run(() => {
        const out: Record<string, string> = {};
        for (const key of [...values.keys()].sort()) out[key] = values.get(key) as string;
        return out;
      }),
    set: (key, value) =>
      guard.run(() => {
        checkString('setting key', key);
        checkString('setting value', value);
        values.set(key, value);
      }),
    delete: (key) => guard.run(() => void values.delete(key)),
  };
}
