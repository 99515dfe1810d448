/**
 * The CSMS's calls about customer and vendor data: CustomerInformation (N09, N10) and DataTransfer (P01, the
 * vendor table is in ../data-transfer.ts). One table so that the profile routes them with one line.
 */
import { dataTransfer } from '../data-transfer.js';
import type { TxHandler } from '../transactions/context.js';
import { customerInformation } from './customer-information.js';

export const CUSTOMER_DATA_HANDLERS: Readonly<Record<string, TxHandler>> = {
  CustomerInformation: customerInformation,
  DataTransfer: dataTransfer,
};
