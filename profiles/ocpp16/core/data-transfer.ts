import type { Ocpp16Context } from '../context.js';
import type { DataTransferRequest, DataTransferResponse } from '../generated/index.js';

/** No vendor extensions are installed: every vendor id is unknown (§5.6). */
export async function dataTransfer(ctx: Ocpp16Context, req: DataTransferRequest): Promise<DataTransferResponse> {
  ctx.log.info({ vendorId: req.vendorId, messageId: req.messageId }, 'DataTransfer for an unknown vendor');
  return { status: 'UnknownVendorId' };
}
