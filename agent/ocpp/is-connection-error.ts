import { ConnectionLostError, NotConnectedError } from './errors.js';

/**
 * "Not delivered because there was no connection" (the message waits for the next one) as opposed to "the
 * CSMS failed to process it" (CALLERROR or no answer: counts as an attempt).
 */
export function isConnectionError(err: unknown): boolean {
  return err instanceof NotConnectedError || err instanceof ConnectionLostError;
}
