/**
 * The configuration as it may leave the station (diagnostics bundle, `config export`): every secret replaced by
 * "[redacted]" (so a reader sees that one is set), user:password in URLs removed. The secret values themselves
 * (configSecrets) let a bundle be checked for leaks before it is handed out.
 */
import type { ResolvedConfig } from './load.js';

export const REDACTED = '[redacted]';

/** JSON pointers of the config's secret fields; `ocppKeys` entries named in SECRET_OCPP_KEYS are secret too. */
export const SECRET_CONFIG_FIELDS = ['/ocpp/basicAuthPassword', '/mqtt/password'] as const;
const SECRET_OCPP_KEYS = ['authorizationkey', 'basicauthpassword'];

export function redactConfig(cfg: ResolvedConfig): Record<string, unknown> {
  const copy = structuredClone(cfg) as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const ptr of SECRET_CONFIG_FIELDS) {
    const [, section, field] = ptr.split('/') as [string, string, string];
    const obj = copy[section];
    if (obj && obj[field] !== undefined) obj[field] = REDACTED;
  }
  const keys = copy.ocppKeys;
  if (keys) for (const k of Object.keys(keys)) if (SECRET_OCPP_KEYS.includes(k.toLowerCase())) keys[k] = REDACTED;
  for (const [section, field] of [['ocpp', 'csmsUrl'], ['mqtt', 'url']] as const) {
    const obj = copy[section];
    if (obj && typeof obj[field] === 'string') obj[field] = stripUserInfo(obj[field] as string);
  }
  return copy;
}

/** Every secret value configured (for leak checks and for the frame trace's literal replacement). */
export function configSecrets(cfg: ResolvedConfig): string[] {
  const out = [cfg.ocpp.basicAuthPassword, cfg.mqtt?.password];
  for (const [k, v] of Object.entries(cfg.ocppKeys)) if (SECRET_OCPP_KEYS.includes(k.toLowerCase())) out.push(v);
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

function stripUserInfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
