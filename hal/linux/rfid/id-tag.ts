/** How a card's UID becomes the idTag the station authorizes (OCPP 1.6 idTag: at most 20 characters). */
export type UidFormat = 'hex' | 'hex-reversed';

export const UID_FORMATS: readonly UidFormat[] = ['hex', 'hex-reversed'];

/**
 * Uppercase hex without separators, in the order the card sends its UID (ISO 14443-3 NFCID1, the order printed
 * by most CSMS card lists), or reversed for back offices whose cards were enrolled through readers that send the
 * UID least significant byte first.
 */
export function uidToIdTag(uid: Uint8Array, format: UidFormat = 'hex'): string {
  const bytes = format === 'hex-reversed' ? Uint8Array.from(uid).reverse() : uid;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}
