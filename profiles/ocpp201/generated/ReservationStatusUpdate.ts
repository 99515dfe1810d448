// GENERATED from profiles/ocpp201/schemas/ReservationStatusUpdateRequest.json and ReservationStatusUpdateResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

/**
 * The updated reservation status.
 *
 */
export type ReservationUpdateStatusEnumType = "Expired" | "Removed";

export interface ReservationStatusUpdateRequest {
  customData?: CustomDataType;
  /**
   * The ID of the reservation.
   *
   */
  reservationId: number;
  reservationUpdateStatus: ReservationUpdateStatusEnumType;
}
/**
 * This class does not get 'AdditionalProperties = false' in the schema generation, so it can be extended with arbitrary JSON properties to allow adding custom data.
 */
export interface CustomDataType {
  vendorId: string;
}

export interface ReservationStatusUpdateResponse {
  customData?: CustomDataType;
}