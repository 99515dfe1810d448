/**
 * The local control protocol: newline-delimited JSON over a Unix domain socket, one request or response per line.
 *
 *   request   {"id": number, "method": string, "params": object}
 *   response  {"id": number, "result": any}
 *             {"id": number | null, "error": {"code": string, "message": string}}
 *
 * `id` is null only when the request line itself could not be read (not JSON, too long, no id). The codes are
 * stable: chargerctl, scripts and the MQTT bridge switch on them, never on the message.
 */

/** Error codes the agent answers with. */
export const SERVER_ERROR_CODES = [
  /** The line was not JSON, not an object, or had no numeric id / string method. */
  'BAD_REQUEST',
  /** The line was longer than MAX_LINE_BYTES; it was discarded up to its newline. */
  'TOO_LARGE',
  'UNKNOWN_METHOD',
  /** The method exists but its params are missing, of the wrong type or out of range. */
  'BAD_PARAMS',
  /** The thing named in the params (EVSE, key, transaction) does not exist. */
  'NOT_FOUND',
  /** The method exists but not in this configuration (e.g. sim commands on real hardware). */
  'NOT_AVAILABLE',
  /** Understood and refused for safety or state reasons (e.g. relay test during a transaction). */
  'REFUSED',
  /** The method changes state or may reveal secrets and came through the read-only socket (control/access.ts). */
  'FORBIDDEN',
  /** The handler failed unexpectedly; the message says how. */
  'INTERNAL',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** Error codes only the client produces (the agent never sends them). */
export const CLIENT_ERROR_CODES = [
  /** No agent listens on the socket (missing file, connection refused). */
  'NO_AGENT',
  /** The socket exists but this user may not connect (not root, not in the socket's group). */
  'NO_ACCESS',
  'TIMEOUT',
  /** The agent's reply was not a valid response, or the connection closed before a reply. */
  'PROTOCOL',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ControlErrorCode = ServerErrorCode | ClientErrorCode;

/** Longest request line the agent reads (bytes, without the newline). Replies are not limited by it. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Longest reply line a client reads: replies such as a full configuration dump may be larger than requests. */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

/** Where the agent listens unless configured otherwise. */
export const DEFAULT_SOCKET_PATH = '/run/chargerd/control.sock';

export type ControlParams = Record<string, unknown>;

export interface ControlRequest {
  id: number;
  method: string;
  params: ControlParams;
}

export interface ControlErrorBody {
  code: string;
  message: string;
}

export type ControlResponse =
  | { id: number; result: unknown }
  | { id: number | null; error: ControlErrorBody };

/**
 * A failure with a stable code. Handlers throw it to answer with that code; the client throws it with the code
 * the agent sent, or with a client code. `code` is typed as string on purpose: a newer agent may send a code this
 * build does not know, and it must still reach the caller intact.
 */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    readonly code: ControlErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Outcome of reading one request line: a request to dispatch, or an error to answer at once. */
export type ParsedRequest =
  | { ok: true; request: ControlRequest }
  | { ok: false; id: number | null; error: ControlErrorBody };

/** Parse one request line (without its newline). Never throws. */
export function parseRequestLine(line: string): ParsedRequest {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: `request is not valid JSON: ${(err as Error).message}` } };
  }
  if (!isPlainObject(msg)) {
    return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: 'request must be a JSON object' } };
  }
  const { id, method, params } = msg;
  if (typeof id !== 'number' || !Number.isFinite(id)) {
    return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: 'request "id" must be a finite number' } };
  }
  if (typeof method !== 'string' || method.length === 0) {
    return { ok: false, id, error: { code: 'BAD_REQUEST', message: 'request "method" must be a non-empty string' } };
  }
  if (params !== undefined && params !== null && !isPlainObject(params)) {
    return { ok: false, id, error: { code: 'BAD_PARAMS', message: 'request "params" must be a JSON object' } };
  }
  return { ok: true, request: { id, method, params: (params ?? {}) as ControlParams } };
}

/** Serialise a response as one line. A result that cannot be serialised becomes an INTERNAL error reply. */
export function encodeResponse(res: ControlResponse): string {
  try {
    const text = JSON.stringify('result' in res ? { id: res.id, result: res.result ?? null } : res);
    return `${text}\n`;
  } catch (err) {
    return `${JSON.stringify({ id: res.id, error: { code: 'INTERNAL', message: `result is not serialisable: ${(err as Error).message}` } })}\n`;
  }
}

export function encodeRequest(req: ControlRequest): string {
  return `${JSON.stringify(req)}\n`;
}

/** Outcome of reading one reply line on the client side. */
export type ParsedResponse =
  | { ok: true; id: number | null; result: unknown }
  | { ok: true; id: number | null; error: ControlErrorBody }
  | { ok: false; message: string };

/** Parse one reply line (without its newline). Never throws. */
export function parseResponseLine(line: string): ParsedResponse {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    return { ok: false, message: `reply is not valid JSON: ${(err as Error).message}` };
  }
  if (!isPlainObject(msg)) return { ok: false, message: 'reply is not a JSON object' };
  const id = msg.id;
  if (id !== null && (typeof id !== 'number' || !Number.isFinite(id))) return { ok: false, message: 'reply has no valid "id"' };
  if ('error' in msg) {
    const e = msg.error;
    if (!isPlainObject(e) || typeof e.code !== 'string' || typeof e.message !== 'string') {
      return { ok: false, message: 'reply "error" must be {code: string, message: string}' };
    }
    return { ok: true, id, error: { code: e.code, message: e.message } };
  }
  if ('result' in msg) return { ok: true, id, result: msg.result };
  return { ok: false, message: 'reply has neither "result" nor "error"' };
}
