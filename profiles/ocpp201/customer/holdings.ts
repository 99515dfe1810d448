/**
 * What the station holds about one IdToken (N09) and how much of it may go (N10): the local list entry, the
 * authorization cache entries, the transactions of the journal started or stopped with it.
 *
 * Clearing (N10.FR.03/06) removes everything "except from the LocalList" (only the CSMS changes the list,
 * N10.FR.02): the cache entries of the id with this type and the untyped one (the lookup rule would fall back to
 * it), and the id in journal rows. A journal row is the bill: its times and energy stay, only the ids are replaced,
 * and only once nothing of that transaction is queued or dead-lettered (store `forgetIdTag`): a message the CSMS
 * has not received is never altered (durability), so a running transaction and one still waiting to be delivered
 * keep the id, and the report says so.
 */
import { idTagKey, type AuthToken, type Store, type TransactionRecord } from '../../../offline-queue/index.js';
import type { IdTokenType } from '../generated/common.js';

/** What a cleared id becomes in the journal. */
export const CLEARED_ID = '(cleared)';

export interface Holdings {
  lines: string[];
  found: boolean;
}

const typed = (t: IdTokenType): AuthToken => ({ idToken: t.idToken, tokenType: t.type });
const untyped = (t: IdTokenType): AuthToken => ({ idToken: t.idToken, tokenType: null });
const tokenText = (t: AuthToken) => (t.tokenType ? `${t.idToken} (${t.tokenType})` : `${t.idToken} (untyped)`);

/** The journal stores a 2.0.1 transaction's idToken without its type: its id decides, case-insensitively (D01). */
function transactionsOf(store: Store, id: string): TransactionRecord[] {
  const key = idTagKey(id);
  return store.journal.list().filter((r) => idTagKey(r.idTag) === key || (r.stopIdTag !== null && idTagKey(r.stopIdTag) === key)).reverse();
}

function transactionLine(r: TransactionRecord): string {
  const endWh = r.meterStopWh ?? r.lastMeterWh;
  const parts = [
    `transaction ${r.localId}`,
    `evse ${r.evseId}`,
    `started ${r.startedAt}`,
    r.stoppedAt ? `stopped ${r.stoppedAt}` : 'running',
    `energy ${Math.max(0, endWh - r.meterStartWh)} Wh`,
    ...(r.stopReason ? [`reason ${r.stopReason}`] : []),
    ...(r.authStatus ? [`authorization ${r.authStatus}`] : []),
  ];
  return parts.join(', ');
}

/** N09: what is held; `found` false when nothing is (N09.FR.06: one part saying so). */
export function holdingsOf(store: Store, token: IdTokenType, listVersion: number): Holdings {
  const lines: string[] = [];
  const listed = store.localList.get(typed(token));
  if (listed) lines.push(`local list (version ${listVersion}): ${tokenText(typed(token))} status ${listed.status}${listed.expiryDate ? `, expires ${listed.expiryDate}` : ''}${listed.groupIdToken ? `, group ${tokenText(listed.groupIdToken)}` : ''}`);
  // The entry the station would use for this token (its type's, else the untyped one: the lookup rule); the store
  // does not say which of the two it is, so the line names the id only.
  const c = store.authCache.get(typed(token));
  if (c) lines.push(`authorization cache: ${token.idToken} status ${c.info.status}, updated ${c.updatedAt}${c.info.expiryDate ? `, expires ${c.info.expiryDate}` : ''}${c.info.groupIdToken ? `, group ${tokenText(c.info.groupIdToken)}` : ''}`);
  for (const r of transactionsOf(store, token.idToken)) lines.push(transactionLine(r));
  return { lines, found: lines.length > 0 };
}

/** The cache entries a clear removes: this type's and the untyped one of the id. */
function cacheTokens(token: IdTokenType): AuthToken[] {
  return [typed(token), untyped(token)];
}

export interface Cleared {
  lines: string[];
  found: boolean;
}

/** N10: removes what may go, in one durable unit; the lines say what was removed and what was kept and why. */
export function clearHoldings(store: Store, token: IdTokenType, listVersion: number): Cleared {
  return store.atomically(() => {
    const lines: string[] = [];
    const listed = store.localList.get(typed(token));
    if (listed) lines.push(`kept: local list entry ${tokenText(typed(token))} status ${listed.status} (version ${listVersion}; only the CSMS changes the list, N10.FR.02)`);
    for (const t of cacheTokens(token)) {
      const c = store.authCache.get(t);
      if (c && store.authCache.remove(t)) lines.push(`removed: authorization cache entry ${tokenText(t)} status ${c.info.status}, updated ${c.updatedAt}`);
    }
    for (const r of transactionsOf(store, token.idToken)) {
      const line = transactionLine(r);
      if (store.journal.forgetIdTag(r.localId, CLEARED_ID)) lines.push(`removed id from: ${line}`);
      else lines.push(`kept: ${line} (${r.stoppedAt ? 'messages not yet delivered to the CSMS' : 'in progress'}; a later clear removes it once delivered)`);
    }
    return { lines, found: lines.length > 0 };
  });
}
