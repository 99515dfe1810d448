/**
 * The checks SendLocalList.req needs beyond its JSON schema, and its entries in the store's terms. A request that
 * breaks a rule of the specification is answered with a CALLERROR naming the rule, so the CSMS operator sees
 * what to fix; `Failed` is kept for requests that are valid but cannot be applied here (§7.47).
 */
import { OcppCallError } from '../../../agent/ocpp/errors.js';
import { idTagKey, untypedToken, type AuthorizationInfo, type AuthToken } from '../../../offline-queue/index.js';
import type { SendLocalListRequest } from '../generated/index.js';
import type { LocalListLimits } from './limits.js';

/** In the store's terms: a 1.6 idTag is an untyped token, its parentIdTag an untyped group token. */
export interface ListEntry {
  token: AuthToken;
  /** null: remove the idTag (Differential only). */
  info: AuthorizationInfo | null;
}

/** OCPP 1.6 integers are 32-bit (xs:int in the SOAP schema the JSON schemas were made from). */
export const MAX_LIST_VERSION = 2_147_483_647;

type AuthorizationData = NonNullable<SendLocalListRequest['localAuthorizationList']>[number];

export function listEntries(req: SendLocalListRequest, limits: LocalListLimits): ListEntry[] {
  // Errata 3.52: 0 and -1 mean "empty" and "not supported" in GetLocalListVersion.conf, so no list may carry them.
  if (req.listVersion < 1 || req.listVersion > MAX_LIST_VERSION)
    throw new OcppCallError('PropertyConstraintViolation', `listVersion must be 1..${MAX_LIST_VERSION} (0 and -1 are reserved, errata 3.52), got ${req.listVersion}`);
  const data = req.localAuthorizationList ?? [];
  // §6.41: the element's cardinality is bounded by SendLocalListMaxLength.
  if (data.length > limits.sendMaxLength)
    throw new OcppCallError('OccurenceConstraintViolation', `at most ${limits.sendMaxLength} entries per SendLocalList (SendLocalListMaxLength), got ${data.length}`);
  const seen = new Set<string>();
  return data.map((d, i) => {
    const key = idTagKey(d.idTag);
    if (seen.has(key))
      throw new OcppCallError('PropertyConstraintViolation', `idTag "${d.idTag}" is listed twice; idTags must be unique (§6.41) and compare case-insensitively (CiString20, errata 3.58)`);
    seen.add(key);
    if (d.idTagInfo) return { token: untypedToken(d.idTag), info: toInfo(d.idTagInfo) };
    if (req.updateType === 'Full')
      throw new OcppCallError('OccurenceConstraintViolation', `localAuthorizationList[${i}] (idTag "${d.idTag}") has no idTagInfo, which a Full update requires (§7.1)`);
    return { token: untypedToken(d.idTag), info: null };
  });
}

function toInfo(t: NonNullable<AuthorizationData['idTagInfo']>): AuthorizationInfo {
  const info: AuthorizationInfo = { status: t.status };
  if (t.expiryDate !== undefined) info.expiryDate = t.expiryDate;
  if (t.parentIdTag !== undefined) info.groupIdToken = untypedToken(t.parentIdTag);
  return info;
}

/** How many identifiers the list holds after a Differential update (adds of new idTags minus removals). */
export function sizeAfterDifferential(current: number, entries: readonly ListEntry[], has: (token: AuthToken) => boolean): number {
  let size = current;
  for (const e of entries) {
    const present = has(e.token);
    if (e.info !== null && !present) size++;
    else if (e.info === null && present) size--;
  }
  return size;
}
