// GENERATED from profiles/ocpp201/schemas/MeterValuesRequest.json and MeterValuesResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, MeterValueType } from './common.js';
export type { CustomDataType, LocationEnumType, MeasurandEnumType, MeterValueType, PhaseEnumType, ReadingContextEnumType, SampledValueType, SignedMeterValueType, UnitOfMeasureType } from './common.js';

/**
 * Request_ Body
 * urn:x-enexis:ecdm:uid:2:234744
 *
 */
export interface MeterValuesRequest {
  customData?: CustomDataType;
  /**
   * Request_ Body. EVSEID. Numeric_ Identifier
   * urn:x-enexis:ecdm:uid:1:571101
   * This contains a number (&gt;0) designating an EVSE of the Charging Station. ‘0’ (zero) is used to designate the main power meter.
   *
   */
  evseId: number;
  /**
   * @minItems 1
   */
  meterValue: [MeterValueType, ...MeterValueType[]];
}
export interface MeterValuesResponse {
  customData?: CustomDataType;
}