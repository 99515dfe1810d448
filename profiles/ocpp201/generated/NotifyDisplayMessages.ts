// GENERATED from profiles/ocpp201/schemas/NotifyDisplayMessagesRequest.json and NotifyDisplayMessagesResponse.json by scripts/gen-ocpp-types.mjs — do not edit.

import type { CustomDataType, MessageInfoType } from './common.js';
export type { ComponentType, CustomDataType, EVSEType, MessageContentType, MessageFormatEnumType, MessageInfoType, MessagePriorityEnumType, MessageStateEnumType } from './common.js';

export interface NotifyDisplayMessagesRequest {
  customData?: CustomDataType;
  /**
   * @minItems 1
   */
  messageInfo?: [MessageInfoType, ...MessageInfoType[]];
  /**
   * The id of the &lt;&lt;getdisplaymessagesrequest,GetDisplayMessagesRequest&gt;&gt; that requested this message.
   *
   */
  requestId: number;
  /**
   * "to be continued" indicator. Indicates whether another part of the report follows in an upcoming NotifyDisplayMessagesRequest message. Default value when omitted is false.
   *
   */
  tbc?: boolean;
}
export interface NotifyDisplayMessagesResponse {
  customData?: CustomDataType;
}