/** Why the control server could not start; the agent reports these at boot and exits. */
export type ControlServerErrorCode =
  /** Another process accepts connections on the socket path (most likely a second chargerd). */
  | 'SOCKET_IN_USE'
  /** The path is too long for a Unix socket, or something that is not a socket is in the way. */
  | 'SOCKET_PATH_INVALID'
  /** listen(), mkdir or chmod failed; the cause is attached. */
  | 'LISTEN_FAILED'
  | 'ALREADY_STARTED';

export class ControlServerError extends Error {
  override readonly name = 'ControlServerError';
  constructor(
    readonly code: ControlServerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
