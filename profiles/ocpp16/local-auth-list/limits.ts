/**
 * Sizes of the Local Authorization List (OCPP 1.6 §9.2), reported by the read-only keys LocalAuthListMaxLength
 * and SendLocalListMaxLength and enforced by SendLocalList. One SendLocalList of 1000 entries is about 150 KB of
 * JSON and one short SQLite transaction; a CSMS with a longer list sends a Full list followed by Differentials.
 */
export interface LocalListLimits {
  /** Most identifiers the list may hold (LocalAuthListMaxLength). */
  maxLength: number;
  /** Most AuthorizationData elements in one SendLocalList.req (SendLocalListMaxLength). */
  sendMaxLength: number;
}

export const LOCAL_AUTH_LIST_MAX_LENGTH = 10_000;
export const SEND_LOCAL_LIST_MAX_LENGTH = 1_000;

export const DEFAULT_LOCAL_LIST_LIMITS: Readonly<LocalListLimits> = {
  maxLength: LOCAL_AUTH_LIST_MAX_LENGTH,
  sendMaxLength: SEND_LOCAL_LIST_MAX_LENGTH,
};
