/**
 * Errors of the simulated station's control side (chargerctl sim ..., tests). Hardware-like failures of the
 * simulated parts (meter unavailable, lock jammed) are HalErrors, exactly as a real driver would raise them.
 */
export type SimErrorCode =
  /** The EVSE id is not one of this station's EVSEs. */
  | 'SIM_UNKNOWN_EVSE'
  /** A SimControl call before start() or after stop(). */
  | 'SIM_NOT_STARTED'
  /** The fault does not exist on this EVSE's hardware (e.g. 'lock' on a fixed cable). */
  | 'SIM_NOT_APPLICABLE'
  /** An argument of a SimControl call is not acceptable (empty idTag, negative current...). */
  | 'SIM_BAD_ARGUMENT'
  /** The state file exists but cannot be understood; the message names the file. */
  | 'SIM_STATE_FILE_CORRUPT'
  /** The state file could not be read or written (permissions, disk full...). */
  | 'SIM_STATE_FILE_IO';

export class SimError extends Error {
  override readonly name = 'SimError';
  constructor(
    readonly code: SimErrorCode,
    message: string,
    readonly details: { evseId?: number; file?: string; cause?: unknown } = {},
  ) {
    super(message);
  }
}
