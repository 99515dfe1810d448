import net from 'node:net';
import { SystemClock, type Clock, type TimerHandle } from '../clock/clock.js';
import { LineSplitter } from './line-splitter.js';
import { ControlError, MAX_REPLY_BYTES, encodeRequest, parseResponseLine, type ControlParams } from './protocol.js';

export interface ControlCallOptions {
  timeoutMs: number;
  /** Defaults to a SystemClock; tests pass a FakeClock to time out without waiting. */
  clock?: Clock;
  maxReplyBytes?: number;
}

/**
 * Call one method on the agent's control socket and return its result. One connection per call: the CLI makes a
 * single call, and a fresh connection cannot be confused by a reply left over from an earlier one.
 *
 * Throws ControlError with the agent's code, or NO_AGENT / NO_ACCESS / TIMEOUT / PROTOCOL from this side.
 */
export function controlCall(socketPath: string, method: string, params: ControlParams, opts: ControlCallOptions): Promise<unknown> {
  const clock = opts.clock ?? new SystemClock();
  const id = 1;
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: TimerHandle | undefined;
    const splitter = new LineSplitter(opts.maxReplyBytes ?? MAX_REPLY_BYTES);
    const sock = net.createConnection(socketPath);

    const finish = (err: ControlError | null, result?: unknown) => {
      if (settled) return;
      settled = true;
      clock.clear(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(result);
    };

    timer = clock.setTimeout(() => {
      finish(new ControlError('TIMEOUT', `no reply from the agent within ${opts.timeoutMs} ms (method ${method}, socket ${socketPath})`));
    }, opts.timeoutMs);

    const onEvents = (events: ReturnType<LineSplitter['push']>) => {
      for (const ev of events) {
        if (ev.kind === 'oversized') {
          finish(new ControlError('PROTOCOL', `reply from the agent is larger than ${opts.maxReplyBytes ?? MAX_REPLY_BYTES} bytes`));
          return;
        }
        const res = parseResponseLine(ev.line);
        if (!res.ok) {
          finish(new ControlError('PROTOCOL', `bad reply from the agent: ${res.message}`));
          return;
        }
        // A reply with another id (or null: the agent could not read our line) still answers our only request.
        if ('error' in res) finish(new ControlError(res.error.code, res.error.message));
        else if (res.id !== id) finish(new ControlError('PROTOCOL', `reply id ${String(res.id)} does not match request id ${id}`));
        else finish(null, res.result);
        return;
      }
    };

    sock.on('connect', () => {
      let line: string;
      try {
        line = encodeRequest({ id, method, params });
      } catch (err) {
        finish(new ControlError('BAD_PARAMS', `params are not serialisable: ${(err as Error).message}`));
        return;
      }
      sock.write(line);
    });
    sock.on('data', (chunk: Buffer) => onEvents(splitter.push(chunk)));
    sock.on('end', () => {
      onEvents(splitter.end());
      finish(new ControlError('PROTOCOL', 'the agent closed the connection without replying'));
    });
    sock.on('close', () => finish(new ControlError('PROTOCOL', 'the agent closed the connection without replying')));
    sock.on('error', (err: NodeJS.ErrnoException) => finish(connectError(err, socketPath)));
  });
}

/**
 * controlCall on the first socket that accepts the connection: the admin socket, then the read-only one. Only a
 * refused or failed connect moves on (nothing was sent yet, so nothing can be applied twice); once connected,
 * that socket's answer is the answer. When none connects, the last socket's error is thrown.
 */
export async function controlCallFirst(socketPaths: readonly string[], method: string, params: ControlParams, opts: ControlCallOptions): Promise<unknown> {
  let last: unknown = new ControlError('NO_AGENT', 'no control socket to connect to');
  for (const p of socketPaths) {
    try {
      return await controlCall(p, method, params, opts);
    } catch (err) {
      if (!(err instanceof ControlError) || (err.code !== 'NO_AGENT' && err.code !== 'NO_ACCESS')) throw err;
      last = err;
    }
  }
  throw last;
}

function connectError(err: NodeJS.ErrnoException, socketPath: string): ControlError {
  switch (err.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ENOTSOCK':
    case 'ENOTDIR':
      return new ControlError('NO_AGENT', `cannot reach the agent: is chargerd running? (socket ${socketPath}: ${err.code})`);
    case 'EACCES':
    case 'EPERM':
      return new ControlError(
        'NO_ACCESS',
        `permission denied on ${socketPath}: run as root or as a member of the socket's group (chargerd to read, chargerd-admin to change; README "Who may do what")`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new ControlError('PROTOCOL', `the agent closed the connection without replying (${err.code})`);
    default:
      return new ControlError('NO_AGENT', `cannot reach the agent on ${socketPath}: ${err.message}`);
  }
}
