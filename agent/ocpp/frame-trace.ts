/**
 * The OCPP frame trace a CSMS vendor asks for first: every frame in and out, one line each, with direction and
 * time, on the logger module 'ocpp:frames' at level trace. It is on with `log.level: "trace"`, or on its own
 * with `log.frames: true` / `chargerd --trace-frames` (the frames logger then logs at trace whatever the level).
 *
 * Secrets never reach it: the value of a ChangeConfiguration (1.6) of a secret key, the SetVariables (2.0.1)
 * value of a secret variable, and any occurrence of a configured secret (the basic-auth password) are replaced.
 * The frame is logged as text, as sent, so a vendor sees exactly what went over the wire.
 */
import type { Logger } from 'pino';

/** Configuration keys / variables whose value is a secret (OCPP 1.6 AuthorizationKey, 2.0.1 BasicAuthPassword). */
export const SECRET_OCPP_KEYS: readonly string[] = ['AuthorizationKey', 'BasicAuthPassword'];
const CENSOR = '[redacted]';

export type FrameDirection = 'in' | 'out';

export class FrameTrace {
  private readonly secrets: string[];

  constructor(
    private readonly log: Logger,
    secrets: readonly (string | undefined | null)[] = [],
  ) {
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  }

  get enabled(): boolean {
    return this.log.isLevelEnabled('trace');
  }

  frame(dir: FrameDirection, text: string): void {
    if (!this.log.isLevelEnabled('trace')) return;
    this.log.trace({ dir, bytes: Buffer.byteLength(text), frame: redactFrame(text, this.secrets) }, dir === 'in' ? 'frame received' : 'frame sent');
  }
}

/** The frame text with secret values replaced; a frame that is not JSON only gets the literal replacement. */
export function redactFrame(text: string, secrets: readonly string[] = []): string {
  let out = text;
  try {
    const msg = JSON.parse(text) as unknown;
    if (Array.isArray(msg) && msg[0] === 2 && typeof msg[2] === 'string' && redactCallPayload(msg[2], msg[3])) out = JSON.stringify(msg);
  } catch {
    // Not JSON: nothing structural to redact.
  }
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(CENSOR);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.split(escaped).join(CENSOR);
  }
  return out;
}

/** Modifies the parsed payload in place; true when something was replaced. */
function redactCallPayload(action: string, payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  if (action === 'ChangeConfiguration' && typeof p.key === 'string' && isSecretKey(p.key) && 'value' in p) {
    p.value = CENSOR;
    return true;
  }
  if (action === 'SetVariables' && Array.isArray(p.setVariableData)) {
    let changed = false;
    for (const d of p.setVariableData as Record<string, unknown>[]) {
      const name = (d?.variable as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string' && isSecretKey(name) && 'attributeValue' in d) {
        d.attributeValue = CENSOR;
        changed = true;
      }
    }
    return changed;
  }
  return false;
}

/** A 1.6 key, or a 2.0.1 variable in chargerctl's `Component[@evse].Variable[/Attribute]` form, that is a secret. */
export function isSecretKey(key: string): boolean {
  const variable = key.split('/')[0]!.split('.').pop()!.replace(/\[.*\]$/, '');
  return SECRET_OCPP_KEYS.some((k) => k.toLowerCase() === variable.toLowerCase());
}
