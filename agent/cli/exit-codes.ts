/**
 * chargerctl's exit codes: the one table (README "Exit codes" copies it). Scripts switch on these, so a code never
 * changes meaning; a new kind of failure gets a new number.
 */
export const EXIT_OK = 0;
/** The agent answered with an error or a refusal (REFUSED, NOT_FOUND, UNKNOWN_METHOD, ...), or the result is a failure. */
export const EXIT_FAILED = 1;
/** Bad command line: nothing was sent. */
export const EXIT_USAGE = 2;
/** No usable answer from an agent: none listening (NO_AGENT), none in --timeout (TIMEOUT), a broken reply (PROTOCOL). */
export const EXIT_NO_AGENT = 3;
/** Not allowed: the socket refused this user (NO_ACCESS), or the agent refused the caller (FORBIDDEN). */
export const EXIT_NO_ACCESS = 4;

export const EXIT_CODES: readonly { code: number; meaning: string }[] = [
  { code: EXIT_OK, meaning: 'done' },
  { code: EXIT_FAILED, meaning: 'the agent failed or refused, or the result is a failure' },
  { code: EXIT_USAGE, meaning: 'bad usage (nothing sent)' },
  { code: EXIT_NO_AGENT, meaning: 'no agent answered (not running, timeout, broken reply)' },
  { code: EXIT_NO_ACCESS, meaning: 'not allowed (socket permissions, or the agent refused this user)' },
];

/** The exit code of a control error code, from either side of the socket. */
export function exitCodeFor(code: string): number {
  switch (code) {
    case 'NO_AGENT':
    case 'TIMEOUT':
    case 'PROTOCOL':
      return EXIT_NO_AGENT;
    case 'NO_ACCESS':
    case 'FORBIDDEN':
      return EXIT_NO_ACCESS;
    case 'USAGE':
      return EXIT_USAGE;
    default:
      return EXIT_FAILED;
  }
}
