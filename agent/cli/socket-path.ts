import { readFileSync } from 'node:fs';
import { adminSocketPathFor } from '../control/access.js';
import { DEFAULT_SOCKET_PATH, isPlainObject } from '../control/protocol.js';
import type { GlobalOptions } from './args.js';
import { UsageError } from './errors.js';

export type SocketSource = 'flag' | 'env' | 'config' | 'default';

/**
 * Which socket to talk to: `--socket`, else $CHARGERD_SOCKET, else the `controlSocket` field of the agent config
 * named by `--config`, else the packaged default. A config file without the field falls through to the default,
 * as the agent does. `path` is the read-only socket.
 */
export function resolveSocketPath(globals: GlobalOptions, env: Record<string, string | undefined>): { path: string; source: SocketSource } {
  const { path, source } = resolveSockets(globals, env);
  return { path, source };
}

/**
 * The sockets to try, in order: the admin socket first (everything is allowed there; the kernel refuses the
 * connection to whoever is not in its group), then the read-only socket. `--socket` names exactly one.
 */
export function resolveSockets(
  globals: GlobalOptions,
  env: Record<string, string | undefined>,
): { path: string; adminPath: string | null; source: SocketSource } {
  if (globals.socket) return { path: globals.socket, adminPath: null, source: 'flag' };
  const fromEnv = env.CHARGERD_SOCKET;
  if (fromEnv) return { path: fromEnv, adminPath: adminSocketPathFor(fromEnv), source: 'env' };
  if (globals.config) {
    const fromConfig = readSockets(globals.config);
    if (fromConfig.path !== undefined) return { path: fromConfig.path, adminPath: fromConfig.adminPath ?? adminSocketPathFor(fromConfig.path), source: 'config' };
    if (fromConfig.adminPath !== undefined) return { path: DEFAULT_SOCKET_PATH, adminPath: fromConfig.adminPath, source: 'config' };
  }
  return { path: DEFAULT_SOCKET_PATH, adminPath: adminSocketPathFor(DEFAULT_SOCKET_PATH), source: 'default' };
}

/** The candidates of resolveSockets() as a list, admin first. */
export function socketCandidates(s: { path: string; adminPath: string | null }): string[] {
  return s.adminPath && s.adminPath !== s.path ? [s.adminPath, s.path] : [s.path];
}

function readSockets(file: string): { path?: string; adminPath?: string } {
  const doc = readConfigDoc(file);
  if (!isPlainObject(doc)) return {};
  const out: { path?: string; adminPath?: string } = {};
  const path = readControlSocket(file, doc);
  if (path !== undefined) out.path = path;
  const control = doc.control;
  if (isPlainObject(control) && control.adminSocket !== undefined) {
    if (typeof control.adminSocket !== 'string' || control.adminSocket === '') {
      throw new UsageError(`config file ${file}: "control.adminSocket" must be a non-empty string`);
    }
    out.adminPath = control.adminSocket;
  }
  return out;
}

function readConfigDoc(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function readControlSocket(file: string, doc: Record<string, unknown>): string | undefined {
  if (doc.controlSocket === undefined) return undefined;
  if (typeof doc.controlSocket !== 'string' || doc.controlSocket === '') {
    throw new UsageError(`config file ${file}: "controlSocket" must be a non-empty string`);
  }
  return doc.controlSocket;
}
