/** Bad command line: exit 2, print the message and a hint (usually the command's usage line). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The agent answered, but not in the shape this chargerctl expects (version skew): exit 1. */
export class ReplyShapeError extends Error {
  override readonly name = 'ReplyShapeError';
  readonly code = 'BAD_REPLY';
}
