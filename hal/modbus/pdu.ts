/**
 * Pure Modbus framing for the two read functions meters use (03 holding, 04 input registers): build requests,
 * validate replies, extract the registers. No I/O here, so every error kind is unit-tested byte by byte.
 *
 * RTU reply checks run in a fixed order — length, CRC, unit id, exception, function code, byte count — so that a
 * corrupted frame is reported as corrupted (CRC) rather than as whatever its damaged header happens to say.
 * Every error carries the request and the raw reply bytes for the log.
 */
import { HalError, type HalErrorCode } from '../errors.js';
import { hasValidCrc, withCrc } from './crc16.js';

export type ReadFunctionCode = 3 | 4;

export interface ReadRequest {
  /** Slave address 1..247 (0 is broadcast, which has no reply and so cannot be read). */
  unitId: number;
  functionCode: ReadFunctionCode;
  /** 0-based protocol address (what goes on the wire, not the "30001" documentation numbering). */
  address: number;
  /** Number of 16-bit registers, 1..125. */
  count: number;
}

/** The protocol's limit for one FC 03/04 read (the reply's byte count must fit in one byte: 125 * 2 = 250). */
export const MAX_READ_REGISTERS = 125;

/** Modbus exception codes by name, for messages. */
const EXCEPTION_NAMES: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

export function exceptionName(code: number): string {
  return EXCEPTION_NAMES[code] ?? `exception ${code}`;
}

export function hex(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Throws BAD_CONFIG for a request the protocol cannot express, before anything is sent. */
export function checkReadRequest(req: ReadRequest): void {
  const bad = (why: string): never => {
    throw new HalError('BAD_CONFIG', `invalid Modbus read request: ${why}`);
  };
  if (!Number.isInteger(req.unitId) || req.unitId < 1 || req.unitId > 247) bad(`unit id ${req.unitId} not in 1..247`);
  if (req.functionCode !== 3 && req.functionCode !== 4) bad(`function code ${String(req.functionCode)} is not 3 or 4`);
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_READ_REGISTERS) bad(`count ${req.count} not in 1..125`);
  if (!Number.isInteger(req.address) || req.address < 0 || req.address + req.count > 0x10000) {
    bad(`address ${req.address} (+${req.count}) outside 0..65535`);
  }
}

/** The 5-byte PDU: function code, start address, quantity (big-endian). */
export function buildReadPdu(req: ReadRequest): Uint8Array {
  checkReadRequest(req);
  return Uint8Array.of(req.functionCode, req.address >>> 8, req.address & 0xff, req.count >>> 8, req.count & 0xff);
}

/** Unit id + PDU + CRC: the 8 bytes sent on the serial line. */
export function buildRtuReadRequest(req: ReadRequest): Uint8Array {
  const pdu = buildReadPdu(req);
  const adu = new Uint8Array(1 + pdu.length);
  adu[0] = req.unitId;
  adu.set(pdu, 1);
  return withCrc(adu);
}

/** Length of a successful RTU reply: unit, fc, byte count, data, CRC. */
export function rtuReplyLength(req: ReadRequest): number {
  return 5 + 2 * req.count;
}

/** An exception reply is unit, 0x80|fc, code, CRC. */
export const RTU_EXCEPTION_LENGTH = 5;

function fail(code: HalErrorCode, message: string, request: Uint8Array, response: Uint8Array, modbusCode?: number): never {
  const details: HalError['details'] = { request, response };
  if (modbusCode !== undefined) details.modbusCode = modbusCode;
  throw new HalError(code, `${message} (request ${hex(request)}; reply ${hex(response) || 'empty'})`, details);
}

/**
 * Validates an RTU reply to `req` and returns its registers. `request` is the frame that was sent (attached to
 * errors). Throws HalError MODBUS_SHORT_FRAME, MODBUS_CRC, MODBUS_WRONG_UNIT, MODBUS_EXCEPTION (with
 * details.modbusCode), MODBUS_WRONG_FUNCTION or MODBUS_BYTE_COUNT.
 */
export function parseRtuReadReply(req: ReadRequest, request: Uint8Array, frame: Uint8Array): Uint16Array {
  const expected = rtuReplyLength(req);
  // Any 5-byte frame with the exception bit set is whole; which function it answers is checked later.
  const looksLikeException = frame.length === RTU_EXCEPTION_LENGTH && (frame[1]! & 0x80) !== 0;
  if (frame.length < RTU_EXCEPTION_LENGTH || (frame.length < expected && !looksLikeException)) {
    fail('MODBUS_SHORT_FRAME', `reply of ${frame.length} bytes, expected ${expected}`, request, frame);
  }
  if (!hasValidCrc(frame)) fail('MODBUS_CRC', 'reply CRC mismatch', request, frame);
  if (frame[0] !== req.unitId) fail('MODBUS_WRONG_UNIT', `reply from unit ${frame[0]}, expected ${req.unitId}`, request, frame);
  return parsePdu(req, frame.subarray(1, frame.length - 2), request, frame);
}

/**
 * Checks a reply PDU (function code onwards) — exception, function code, byte count — and decodes registers.
 * Shared by RTU and TCP; `raw` is the whole frame attached to errors.
 */
export function parsePdu(req: ReadRequest, pdu: Uint8Array, request: Uint8Array, raw: Uint8Array): Uint16Array {
  const fc = pdu[0];
  if (fc === (req.functionCode | 0x80)) {
    const code = pdu[1] ?? 0;
    fail('MODBUS_EXCEPTION', `unit ${req.unitId} answered exception ${code} (${exceptionName(code)})`, request, raw, code);
  }
  if (fc !== req.functionCode) {
    fail('MODBUS_WRONG_FUNCTION', `reply function code ${String(fc)}, expected ${req.functionCode}`, request, raw);
  }
  const byteCount = pdu[1] ?? -1;
  if (byteCount !== 2 * req.count || pdu.length !== 2 + byteCount) {
    fail('MODBUS_BYTE_COUNT', `reply byte count ${byteCount} with ${pdu.length - 2} data bytes, expected ${2 * req.count}`, request, raw);
  }
  const regs = new Uint16Array(req.count);
  for (let i = 0; i < req.count; i++) regs[i] = (pdu[2 + 2 * i]! << 8) | pdu[3 + 2 * i]!;
  return regs;
}
