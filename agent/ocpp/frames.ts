/**
 * OCPP-J message frames (OCPP-J 1.6 §4; 2.0.1 Part 4 §4): pure parsing and serialisation, no I/O.
 *
 *   CALL       [2, "<messageId>", "<action>", {payload}]
 *   CALLRESULT [3, "<messageId>", {payload}]
 *   CALLERROR  [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]
 */
import type { CanonicalErrorCode, OcppErrorCode } from './errors.js';

export const MESSAGE_TYPE = { CALL: 2, CALLRESULT: 3, CALLERROR: 4 } as const;

/** OCPP-J: message ids are strings of at most 36 characters (room for a UUID). */
export const MAX_MESSAGE_ID_LENGTH = 36;
/** 2.0.1 Part 4 limits errorDescription to string[255]; 1.6 gives no limit, the same cap does no harm there. */
export const MAX_ERROR_DESCRIPTION_LENGTH = 255;

export type Payload = Record<string, unknown>;

export interface CallFrame {
  type: 'call';
  id: string;
  action: string;
  payload: Payload;
}
export interface CallResultFrame {
  type: 'result';
  id: string;
  payload: Payload;
}
export interface CallErrorFrame {
  type: 'error';
  id: string;
  code: string;
  description: string;
  details: Record<string, unknown>;
}
export type Frame = CallFrame | CallResultFrame | CallErrorFrame;

/**
 * Why a frame could not be used, and what may be done about it:
 * - `reply`: a CALL whose id is readable but that is not a proper CALL; answer with a CALLERROR of `code` (canonical
 *   spelling; convert with errorCodeForDialect).
 * - `badResponse`: a CALLRESULT/CALLERROR with a readable id but a broken shape. Never answered (a response to a
 *   response is not a thing); the caller may fail the matching pending call instead of waiting for its timeout.
 * - `unknownType`: a well-formed array whose message type number is unknown. 1.6 says ignore the payload; 2.0.1
 *   answers MessageTypeNotSupported when the id is readable (`id` is null otherwise).
 * - `garbage`: not JSON, not an array, no readable id: log and ignore.
 */
export type ParseFailure =
  | { kind: 'reply'; id: string; code: CanonicalErrorCode; reason: string }
  | { kind: 'badResponse'; id: string; reason: string }
  | { kind: 'unknownType'; messageType: number; id: string | null; reason: string }
  | { kind: 'garbage'; reason: string };

export type ParseResult = { ok: true; frame: Frame } | ({ ok: false } & ParseFailure);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The specs allow `null` for "no payload" (OCPP-J 1.6 §4.2.1: "JSON allows for two different notations: null or an
 * empty object") while recommending `{}`; accept both, so the schema check (not the framing) decides.
 */
function payloadOf(v: unknown): Payload | null {
  if (v === null) return {};
  return isPlainObject(v) ? v : null;
}

function fail(f: ParseFailure): ParseResult {
  return { ok: false, ...f };
}

/** Parse one WebSocket text message. Never throws. */
export function parseFrame(raw: string): ParseResult {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return fail({ kind: 'garbage', reason: 'not JSON' });
  }
  if (!Array.isArray(msg)) return fail({ kind: 'garbage', reason: 'not a JSON array' });
  if (msg.length === 0) return fail({ kind: 'garbage', reason: 'empty array' });
  const [type, id] = msg;
  const readableId = typeof id === 'string' ? id : null;

  if (type !== MESSAGE_TYPE.CALL && type !== MESSAGE_TYPE.CALLRESULT && type !== MESSAGE_TYPE.CALLERROR) {
    if (typeof type === 'number' && Number.isInteger(type)) {
      return fail({ kind: 'unknownType', messageType: type, id: readableId, reason: `unknown message type ${type}` });
    }
    return fail({ kind: 'garbage', reason: 'message type is not a number' });
  }
  if (readableId === null) return fail({ kind: 'garbage', reason: 'message id is not a string' });

  switch (type) {
    case MESSAGE_TYPE.CALL:
      return parseCall(msg, readableId);
    case MESSAGE_TYPE.CALLRESULT:
      return parseResult(msg, readableId);
    default:
      return parseError(msg, readableId);
  }
}

function parseCall(msg: unknown[], id: string): ParseResult {
  // RpcFrameworkError is 2.0.1's "not a valid RPC request"; in 1.6 it goes out as FormationViolation.
  if (id.length > MAX_MESSAGE_ID_LENGTH) {
    return fail({ kind: 'reply', id, code: 'RpcFrameworkError', reason: `message id longer than ${MAX_MESSAGE_ID_LENGTH}` });
  }
  if (msg.length !== 4) {
    return fail({ kind: 'reply', id, code: 'RpcFrameworkError', reason: `CALL has ${msg.length} elements, expected 4` });
  }
  const action = msg[2];
  if (typeof action !== 'string' || action.length === 0) {
    return fail({ kind: 'reply', id, code: 'RpcFrameworkError', reason: 'action is not a non-empty string' });
  }
  const payload = payloadOf(msg[3]);
  if (payload === null) return fail({ kind: 'reply', id, code: 'FormatViolation', reason: 'payload is not an object' });
  return { ok: true, frame: { type: 'call', id, action, payload } };
}

function parseResult(msg: unknown[], id: string): ParseResult {
  if (msg.length !== 3) return fail({ kind: 'badResponse', id, reason: `CALLRESULT has ${msg.length} elements, expected 3` });
  const payload = payloadOf(msg[2]);
  if (payload === null) return fail({ kind: 'badResponse', id, reason: 'CALLRESULT payload is not an object' });
  return { ok: true, frame: { type: 'result', id, payload } };
}

/**
 * Lenient on purpose: a CALLERROR rejects the call whatever its shape, and a missing description or details
 * should not turn a clear error code into a timeout. Only the code itself is required.
 */
function parseError(msg: unknown[], id: string): ParseResult {
  if (msg.length < 3 || msg.length > 5) {
    return fail({ kind: 'badResponse', id, reason: `CALLERROR has ${msg.length} elements, expected 5` });
  }
  const code = msg[2];
  if (typeof code !== 'string') return fail({ kind: 'badResponse', id, reason: 'CALLERROR code is not a string' });
  const description = typeof msg[3] === 'string' ? msg[3] : '';
  const details = isPlainObject(msg[4]) ? msg[4] : {};
  return { ok: true, frame: { type: 'error', id, code, description, details } };
}

/** Thrown by the serialisers for frames we must never put on the wire (a bug on our side). */
export class FrameEncodingError extends Error {
  override readonly name = 'FrameEncodingError';
  readonly code = 'FRAME_ENCODING' as const;
}

export function serializeCall(id: string, action: string, payload: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH) {
    throw new FrameEncodingError(`message id must be a string of 1..${MAX_MESSAGE_ID_LENGTH} characters`);
  }
  if (typeof action !== 'string' || action.length === 0) throw new FrameEncodingError('action must be a non-empty string');
  return JSON.stringify([MESSAGE_TYPE.CALL, id, action, payload ?? {}]);
}

/** `id` is the id of the CALL being answered, echoed unchanged. */
export function serializeResult(id: string, payload: unknown): string {
  return JSON.stringify([MESSAGE_TYPE.CALLRESULT, id, payload ?? {}]);
}

/**
 * The id is echoed as received, even when it is the reason for the error (too long, empty): the peer can only
 * correlate the answer by the id it sent.
 */
export function serializeError(
  id: string,
  code: OcppErrorCode,
  description = '',
  details: Record<string, unknown> = {},
): string {
  return JSON.stringify([MESSAGE_TYPE.CALLERROR, id, code, truncate(description, MAX_ERROR_DESCRIPTION_LENGTH), details]);
}

/** Cut at a code-point boundary so a truncated description stays valid UTF-16/UTF-8. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cps = Array.from(s);
  let out = '';
  for (const cp of cps) {
    if (out.length + cp.length > max) break;
    out += cp;
  }
  return out;
}
