/**
 * Schema validation of OCPP payloads, as the RPC layer needs it. Version-neutral: each protocol version (profiles/)
 * supplies an implementation compiled from its official schemas.
 */
import type { OcppErrorCode } from './errors.js';

export interface ValidationFailure {
  /** The CALLERROR code for this failure, canonical spelling (see errors.ts). */
  code: OcppErrorCode;
  /** Human-readable, names the offending field (JSON pointer) but never echoes its value. */
  message: string;
}

export interface PayloadValidator {
  /** Whether `action` is a message of this protocol version (has request and response schemas). */
  knows(action: string): boolean;
  /** null when valid. An unknown action fails with NotImplemented. */
  validateRequest(action: string, payload: unknown): ValidationFailure | null;
  /** null when valid. An unknown action fails with NotImplemented. */
  validateResponse(action: string, payload: unknown): ValidationFailure | null;
}
