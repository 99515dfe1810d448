/** The CSMS-initiated transaction actions of the 2.0.1 profile (E14, F01-F03). */
import type { TxHandler } from './context.js';
import { getTransactionStatus } from './get-transaction-status.js';
import { requestStartTransaction } from './request-start.js';
import { requestStopTransaction } from './request-stop.js';

export const TX_HANDLERS: Readonly<Record<string, TxHandler>> = {
  RequestStartTransaction: requestStartTransaction,
  RequestStopTransaction: requestStopTransaction,
  GetTransactionStatus: getTransactionStatus,
};
