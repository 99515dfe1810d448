/**
 * The limit of a whole integration suite. It is there to end a hang, not to time the suite: the steps inside
 * wait for events with their own short bounds, and a whole-suite budget sized to an idle machine failed suites
 * that were merely slow on a loaded one (the CI machine has two cores). The per-file limit in scripts/test.sh
 * (20 minutes) stays above it.
 */
export const SUITE_TIMEOUT_MS = 300_000;
