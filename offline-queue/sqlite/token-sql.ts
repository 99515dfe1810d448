import type { AuthToken } from '../types.js';

/**
 * The token lookup rule of token.ts (matchRank) in SQL, shared by the local list and the cache: @id the id (the
 * column's NOCASE compares it), @type the type or NULL (bind with `tokenParams`). The entry of the token's own
 * type ranks first (`token_type IS NOT @type` is 0), the fallback (untyped entry for a typed token, any typed
 * entry for an untyped one) second, ties by type.
 */
export const TOKEN_MATCH = 'token_id = @id AND (@type IS NULL OR token_type IS NULL OR token_type = @type) ORDER BY token_type IS NOT @type, token_type LIMIT 1';

export function tokenParams(token: AuthToken): { id: string; type: string | null } {
  return { id: token.idToken, type: token.tokenType };
}

/** The row's token columns as the store's types use them. */
export interface TokenRow {
  token_id: string;
  token_type: string | null;
  expiry: string | null;
  group_id: string | null;
  group_type: string | null;
}
