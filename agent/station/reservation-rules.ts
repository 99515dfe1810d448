/**
 * Where the two versions' reservation rules differ, as data the profile hands the station
 * (`station.reservations.setRules`): the rest (answers, who may start, expiry) is the same for both.
 *
 * - 1.6 §5.13 keeps a reservation of connector 0 invisible: the connectors stay Available, and it lives until it
 *   expires, is cancelled or the station becomes Inoperative.
 * - 2.0.1 H01.FR.20 / FR.24 show it once it needs every EVSE still free for it (those EVSEs go Reserved), and
 *   H01.FR.16 / FR.17 end it (ReservationStatusUpdate Removed) when an EVSE turning Faulted or Unavailable leaves
 *   too few for it. It may name a connector type (H01.FR.06 / FR.09): only EVSEs with that type serve it. A
 *   reservation is used up when a card matches it (H03.FR.09), so the EVSEs it kept are free at once.
 */
export interface ReservationRules {
  /** An idle EVSE that the reservations without EVSE cannot do without shows Reserved. */
  showNeeded: boolean;
  /** A reservation without EVSE that can no longer be kept after an EVSE turned Faulted or Unavailable ends. */
  endUnkeepable: boolean;
  /**
   * A reservation is consumed when its card (or a remote start) is matched to it, not when the transaction starts
   * (2.0.1 H03.FR.09); the start still names it. 1.6 ends it with the start (StartTransaction.req names it).
   */
  consumeOnMatch: boolean;
  /** The connector type of an EVSE, for reservations that name one; undefined: none known. */
  connectorType: (evseId: number) => string | undefined;
}

export const RULES_16: ReservationRules = { showNeeded: false, endUnkeepable: false, consumeOnMatch: false, connectorType: () => undefined };
