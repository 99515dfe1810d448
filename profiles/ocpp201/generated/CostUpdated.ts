// GENERATED from profiles/ocpp201/schemas/CostUpdatedRequest.json and CostUpdatedResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType } from './common.js';
export type { CustomDataType } from './common.js';

export interface CostUpdatedRequest {
  customData?: CustomDataType;
  /**
   * Current total cost, based on the information known by the CSMS, of the transaction including taxes. In the currency configured with the configuration Variable: [&lt;&lt;configkey-currency, Currency&gt;&gt;]
   *
   *
   */
  totalCost: number;
  /**
   * Transaction Id of the transaction the current cost are asked for.
   *
   *
   */
  transactionId: string;
}
export interface CostUpdatedResponse {
  customData?: CustomDataType;
}