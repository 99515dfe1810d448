import { readFileSync } from 'node:fs';
import { DEFAULT_SOCKET_PATH, isPlainObject } from '../control/protocol.js';
import type { GlobalOptions } from './args.js';
import { UsageError } from './errors.js';

export type SocketSource = 'flag' | 'env' | 'config' | 'default';

/**
 * Which socket to talk to: `--socket`, else $CHARGERD_SOCKET, else the `controlSocket` field of the agent config
 * named by `--config`, else the packaged default. A config file without the field falls through to the default,
 * as the agent does.
 */
export function resolveSocketPath(globals: GlobalOptions, env: Record<string, string | undefined>): { path: string; source: SocketSource } {
  if (globals.socket) return { path: globals.socket, source: 'flag' };
  const fromEnv = env.CHARGERD_SOCKET;
  if (fromEnv) return { path: fromEnv, source: 'env' };
  if (globals.config) {
    const fromConfig = readControlSocket(globals.config);
    if (fromConfig !== undefined) return { path: fromConfig, source: 'config' };
  }
  return { path: DEFAULT_SOCKET_PATH, source: 'default' };
}

function readControlSocket(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(doc) || doc.controlSocket === undefined) return undefined;
  if (typeof doc.controlSocket !== 'string' || doc.controlSocket === '') {
    throw new UsageError(`config file ${file}: "controlSocket" must be a non-empty string`);
  }
  return doc.controlSocket;
}
