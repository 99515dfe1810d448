/**
 * DataTransfer from the CSMS (P01) and the extension point for a manufacturer's vendor-specific messages.
 *
 * A vendor is a vendorId (reversed DNS, P01.FR.02, compared exactly) with a table of messageIds; each message is a
 * synchronous function of the request's data that answers Accepted or Rejected with optional data (P01.FR.07: their
 * meaning is the vendor's agreement with the CSMS). An unknown vendorId is UnknownVendorId (P01.FR.05), a known
 * vendor without that messageId is UnknownMessageId (P01.FR.06; a request without messageId looks up ''). Handlers
 * are synchronous on purpose: the answer never waits for I/O on the OCPP path; a message that starts work answers
 * Accepted and does it afterwards (the clock's timers, the log, the station are in `DataTransferContext`).
 *
 * To add a vendor, write its table and list it in DATA_TRANSFER_VENDORS below. chargerd ships one, `org.chargerd`,
 * whose `Echo` lets a CSMS check the DataTransfer path end to end.
 */
import type { Clock } from '../../agent/clock/clock.js';
import type { Logger } from '../../agent/log.js';
import type { Station } from '../../agent/station/station.js';
import type { StatusInfoType } from './generated/common.js';
import type { DataTransferRequest, DataTransferResponse } from './generated/DataTransfer.js';

export interface DataTransferContext {
  station: Station;
  clock: Clock;
  log: Logger;
}

export interface VendorAnswer {
  status: 'Accepted' | 'Rejected';
  data?: unknown;
  statusInfo?: StatusInfoType;
}

export type VendorMessage = (data: unknown, ctx: DataTransferContext) => VendorAnswer;

export interface DataTransferVendor {
  vendorId: string;
  /** By messageId; '' answers requests without one. */
  messages: Readonly<Record<string, VendorMessage>>;
}

/** chargerd's own: `Echo` answers Accepted with the data it was sent, Rejected without data. */
export const CHARGERD_VENDOR: DataTransferVendor = {
  vendorId: 'org.chargerd',
  messages: {
    Echo: (data) =>
      data === undefined ? { status: 'Rejected', statusInfo: { reasonCode: 'MissingParam', additionalInfo: 'Echo needs data to echo' } } : { status: 'Accepted', data },
  },
};

/** The vendors this build answers; a manufacturer adds theirs here. */
export const DATA_TRANSFER_VENDORS: readonly DataTransferVendor[] = [CHARGERD_VENDOR];

export function answerDataTransfer(vendors: readonly DataTransferVendor[], req: DataTransferRequest, ctx: DataTransferContext): DataTransferResponse {
  const vendor = vendors.find((v) => v.vendorId === req.vendorId);
  if (!vendor) {
    ctx.log.info({ vendorId: req.vendorId, messageId: req.messageId }, 'DataTransfer for an unknown vendor');
    return { status: 'UnknownVendorId' };
  }
  const messageId = req.messageId ?? '';
  const handler = Object.hasOwn(vendor.messages, messageId) ? vendor.messages[messageId] : undefined;
  if (!handler) {
    ctx.log.info({ vendorId: req.vendorId, messageId: req.messageId }, 'DataTransfer with an unknown messageId');
    return { status: 'UnknownMessageId' };
  }
  const a = handler(req.data, ctx);
  ctx.log.info({ vendorId: req.vendorId, messageId: req.messageId, status: a.status }, 'DataTransfer answered');
  return { status: a.status, ...(a.data !== undefined ? { data: a.data as DataTransferResponse['data'] } : {}), ...(a.statusInfo ? { statusInfo: a.statusInfo } : {}) };
}

export async function dataTransfer(ctx: DataTransferContext, req: DataTransferRequest): Promise<DataTransferResponse> {
  return answerDataTransfer(DATA_TRANSFER_VENDORS, req, ctx);
}
