/**
 * Errors of the OCPP-J RPC layer.
 *
 * Two families:
 * - `OcppCallError` carries an OCPP-J CALLERROR code: thrown by inbound handlers to answer with that code, and used
 *   to reject an outbound call whose CALLERROR came back from the peer.
 * - Local failures of an outbound call (`CallTimeoutError`, `NotConnectedError`, …) carry a stable `RpcErrorCode`.
 *
 * Error-code spellings: OCPP 1.6 keeps the typos `FormationViolation` and `OccurenceConstraintViolation` on purpose
 * (OCPP-J 1.6 errata §5.1/5.2, "do not fix"); 2.0.1 spells them `FormatViolation` and
 * `OccurrenceConstraintViolation`. Peers mix them up (ocpp-rpc and mobilityhouse/ocpp send `FormatViolation` on 1.6
 * connections), so everything received is normalised to one canonical spelling (the 2.0.1 one), the rest of the
 * agent compares canonical codes only, and `errorCodeForDialect` restores the wire spelling when sending.
 */

/** Every CALLERROR code of OCPP-J 1.6 and 2.0.1, both spellings. */
export type OcppErrorCode =
  | 'NotImplemented'
  | 'NotSupported'
  | 'InternalError'
  | 'ProtocolError'
  | 'SecurityError'
  | 'FormationViolation'
  | 'FormatViolation'
  | 'PropertyConstraintViolation'
  | 'OccurenceConstraintViolation'
  | 'OccurrenceConstraintViolation'
  | 'TypeConstraintViolation'
  | 'GenericError'
  | 'RpcFrameworkError'
  | 'MessageTypeNotSupported';

/** The codes after normalisation: the 1.6 misspellings folded into their 2.0.1 names. */
export type CanonicalErrorCode = Exclude<OcppErrorCode, 'FormationViolation' | 'OccurenceConstraintViolation'>;

export type OcppDialect = 'ocpp1.6' | 'ocpp2.0.1';

const CANONICAL: Record<OcppErrorCode, CanonicalErrorCode> = {
  NotImplemented: 'NotImplemented',
  NotSupported: 'NotSupported',
  InternalError: 'InternalError',
  ProtocolError: 'ProtocolError',
  SecurityError: 'SecurityError',
  FormationViolation: 'FormatViolation',
  FormatViolation: 'FormatViolation',
  PropertyConstraintViolation: 'PropertyConstraintViolation',
  OccurenceConstraintViolation: 'OccurrenceConstraintViolation',
  OccurrenceConstraintViolation: 'OccurrenceConstraintViolation',
  TypeConstraintViolation: 'TypeConstraintViolation',
  GenericError: 'GenericError',
  RpcFrameworkError: 'RpcFrameworkError',
  MessageTypeNotSupported: 'MessageTypeNotSupported',
};

// Lower-cased lookup: a CSMS that gets the case wrong still meant a known code; matching it beats GenericError.
const BY_LOWER = new Map<string, CanonicalErrorCode>(
  Object.entries(CANONICAL).map(([k, v]) => [k.toLowerCase(), v]),
);

export function isOcppErrorCode(code: string): code is OcppErrorCode {
  return Object.prototype.hasOwnProperty.call(CANONICAL, code);
}

/** Canonical code for a code received from a peer (either spelling, any case); anything unknown is GenericError. */
export function normalizeErrorCode(code: string): CanonicalErrorCode {
  return BY_LOWER.get(code.trim().toLowerCase()) ?? 'GenericError';
}

/**
 * The spelling of `code` in the protocol spoken on the connection. 1.6 has no RpcFrameworkError or
 * MessageTypeNotSupported: a frame that is not a proper RPC message "does not conform the PDU structure"
 * (FormationViolation); an unsupported message type has no 1.6 code at all (1.6 ignores such frames), so
 * GenericError ("any other error") is the honest fallback.
 */
export function errorCodeForDialect(code: OcppErrorCode, dialect: OcppDialect): OcppErrorCode {
  const canonical = CANONICAL[code] ?? 'GenericError';
  if (dialect === 'ocpp2.0.1') return canonical;
  switch (canonical) {
    case 'FormatViolation':
      return 'FormationViolation';
    case 'OccurrenceConstraintViolation':
      return 'OccurenceConstraintViolation';
    case 'RpcFrameworkError':
      return 'FormationViolation';
    case 'MessageTypeNotSupported':
      return 'GenericError';
    default:
      return canonical;
  }
}

/** A CALLERROR: thrown by inbound handlers to answer with `code`, or received from the peer for an outbound call. */
export class OcppCallError extends Error {
  override readonly name = 'OcppCallError';
  readonly code: OcppErrorCode;
  constructor(
    code: OcppErrorCode,
    readonly description: string = '',
    readonly details: Record<string, unknown> = {},
    /** For errors received from the peer: the code exactly as it was on the wire (before normalisation). */
    readonly rawCode: string = code,
  ) {
    super(description ? `${code}: ${description}` : code);
    this.code = code;
  }
}

/** Stable codes of local outbound-call failures; listed in the README. */
export type RpcErrorCode =
  | 'RPC_TIMEOUT'
  | 'RPC_NOT_CONNECTED'
  | 'RPC_CONNECTION_LOST'
  | 'RPC_OUTBOUND_INVALID'
  | 'RPC_RESPONSE_INVALID'
  | 'RPC_CONFIG';

abstract class RpcError extends Error {
  abstract readonly code: RpcErrorCode;
}

/** No CALLRESULT/CALLERROR arrived within the call timeout. The peer may still have processed the request. */
export class CallTimeoutError extends RpcError {
  override readonly name = 'CallTimeoutError';
  readonly code = 'RPC_TIMEOUT' as const;
  constructor(
    readonly action: string,
    readonly messageId: string,
    readonly timeoutMs: number,
  ) {
    super(`${action} (${messageId}) got no response within ${timeoutMs} ms`);
  }
}

/** call() while the WebSocket is not open: nothing was sent; queueing for later is the caller's business. */
export class NotConnectedError extends RpcError {
  override readonly name = 'NotConnectedError';
  readonly code = 'RPC_NOT_CONNECTED' as const;
  constructor(readonly action: string) {
    super(`${action} not sent: not connected`);
  }
}

/** The connection closed (or stop() was called) while the call was in flight or waiting to be sent. */
export class ConnectionLostError extends RpcError {
  override readonly name = 'ConnectionLostError';
  readonly code = 'RPC_CONNECTION_LOST' as const;
  constructor(
    readonly action: string,
    /** Whether the CALL had been written to the socket (the peer may have processed it). */
    readonly sent: boolean,
  ) {
    super(`${action} ${sent ? 'in flight' : 'not sent'}: connection lost`);
  }
}

/** The request payload failed its schema: a bug on our side; nothing was sent. */
export class OutboundValidationError extends RpcError {
  override readonly name = 'OutboundValidationError';
  readonly code = 'RPC_OUTBOUND_INVALID' as const;
  constructor(
    readonly action: string,
    readonly ocppCode: OcppErrorCode,
    readonly reason: string,
  ) {
    super(`${action} request invalid (${ocppCode}): ${reason}`);
  }
}

/** The peer's CALLRESULT failed the response schema. */
export class ResponseValidationError extends RpcError {
  override readonly name = 'ResponseValidationError';
  readonly code = 'RPC_RESPONSE_INVALID' as const;
  constructor(
    readonly action: string,
    readonly ocppCode: OcppErrorCode,
    readonly reason: string,
    readonly payload: unknown,
  ) {
    super(`${action} response invalid (${ocppCode}): ${reason}`);
  }
}

/** Options that can never work (bad URL scheme, bad identity): thrown by start(), not retried. */
export class RpcConfigError extends RpcError {
  override readonly name = 'RpcConfigError';
  readonly code = 'RPC_CONFIG' as const;
}
