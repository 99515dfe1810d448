import { ReplyShapeError } from './errors.js';
import { arr, bool, obj, optStr, str } from './shape.js';
import { formatTable } from './table.js';

export interface ConfigGetResult {
  keys: { key: string; value: string | null; readonly: boolean; rebootRequired?: boolean }[];
  unknownKeys: string[];
}

export const CONFIG_SET_STATUSES = ['Accepted', 'Rejected', 'RebootRequired', 'NotSupported'] as const;
export type ConfigSetStatus = (typeof CONFIG_SET_STATUSES)[number];

export interface ConfigSetResult {
  status: ConfigSetStatus;
  reason?: string;
}

export function readConfigGet(v: unknown): ConfigGetResult {
  const o = obj(v, 'config.get');
  const keys = arr(o.keys, 'config.get.keys').map((k, i) => {
    const where = `config.get.keys[${i}]`;
    const e = obj(k, where);
    const value = e.value === null || e.value === undefined ? null : str(e, 'value', where);
    const reboot = e.rebootRequired === undefined ? undefined : bool(e, 'rebootRequired', where);
    return { key: str(e, 'key', where), value, readonly: bool(e, 'readonly', where), ...(reboot !== undefined ? { rebootRequired: reboot } : {}) };
  });
  const unknownKeys = (o.unknownKeys === undefined ? [] : arr(o.unknownKeys, 'config.get.unknownKeys')).map((k, i) => {
    if (typeof k !== 'string') throw new ReplyShapeError(`config.get.unknownKeys[${i}] is not a string`);
    return k;
  });
  return { keys, unknownKeys };
}

export function renderConfigGet(result: unknown): string {
  const r = readConfigGet(result);
  if (r.keys.length === 0) return r.unknownKeys.length > 0 ? '' : 'No configuration keys.\n';
  const rows = r.keys.map((k) => [k.key, k.value ?? '(not set)', k.readonly ? 'RO' : k.rebootRequired ? 'RW (reboot)' : 'RW']);
  return `${formatTable(['KEY', 'VALUE', 'ACCESS'], rows)}\n`;
}

export function configGetFailure(result: unknown): string | null {
  const { unknownKeys } = readConfigGet(result);
  if (unknownKeys.length === 0) return null;
  return `unknown configuration key${unknownKeys.length === 1 ? '' : 's'}: ${unknownKeys.join(', ')}`;
}

export function readConfigSet(v: unknown): ConfigSetResult {
  const o = obj(v, 'config.set');
  const status = str(o, 'status', 'config.set');
  if (!(CONFIG_SET_STATUSES as readonly string[]).includes(status)) throw new ReplyShapeError(`config.set.status '${status}' is not one of ${CONFIG_SET_STATUSES.join(', ')}`);
  const reason = optStr(o, 'reason', 'config.set');
  return { status: status as ConfigSetStatus, ...(reason !== undefined ? { reason } : {}) };
}

export function renderConfigSet(result: unknown, key: string): string {
  const r = readConfigSet(result);
  switch (r.status) {
    case 'Accepted':
      return `${key}: Accepted\n`;
    case 'RebootRequired':
      return `${key}: Accepted, takes effect after a reboot (RebootRequired)\n`;
    default:
      // The failure itself goes to stderr through configSetFailure.
      return '';
  }
}

export function configSetFailure(result: unknown, key: string): string | null {
  const r = readConfigSet(result);
  if (r.status === 'Accepted' || r.status === 'RebootRequired') return null;
  return `config set ${key}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
}
