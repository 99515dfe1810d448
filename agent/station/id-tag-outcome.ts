/**
 * What an EVSE did with a presented card, with the why: the station's answer to "I held my card to the reader
 * and nothing happened" (`chargerctl sim tag`, logs). Emitted as the EVSE's `idTagPresented` event.
 */
export type IdTagResult = 'started' | 'stopped' | 'authorized' | 'rejected' | 'ignored';

export interface IdTagOutcome {
  result: IdTagResult;
  /** Why it was rejected or ignored (null for started / stopped / authorized). */
  reason: string | null;
  /** The authorization status behind the decision, when one was asked for (Accepted, Invalid, Blocked, ...). */
  authorizationStatus: string | null;
}

export interface IdTagPresentedEvent extends IdTagOutcome {
  evseId: number;
  idTag: string;
}

export function outcome(result: IdTagResult, reason: string | null = null, authorizationStatus: string | null = null): IdTagOutcome {
  return { result, reason, authorizationStatus };
}

/** Why an EVSE cannot start a session now, in the order a technician would look (canStartSession's conditions). */
export function whyNoStart(s: {
  stopped: boolean;
  recovering: boolean;
  operative: boolean;
  pendingInoperative: boolean;
  blockingFaults: string[];
  transaction: boolean;
  starting: boolean;
}): string {
  if (s.stopped) return 'the station is shutting down';
  if (s.recovering) return 'transactions left open by a power loss are still being closed';
  if (!s.operative || s.pendingInoperative) return 'the EVSE is unavailable (ChangeAvailability Inoperative)';
  if (s.blockingFaults.length > 0) return `the EVSE has a fault: ${s.blockingFaults.join(', ')}`;
  if (s.transaction) return 'a transaction is running';
  if (s.starting) return 'a transaction is starting';
  return 'the EVSE cannot start a session now';
}
