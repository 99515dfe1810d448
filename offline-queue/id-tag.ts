/**
 * OCPP idTags are CiStrings: printable ASCII compared without regard to case. The key folds A-Z only, exactly
 * like SQLite's NOCASE collation, so the memory store and the SQLite store agree on equality and order. 2.0.1
 * IdToken ids compare the same way.
 */
export function idTagKey(idTag: string): string {
  return idTag.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
