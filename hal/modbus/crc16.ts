/**
 * CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF). The CRC is sent low byte first, so a whole frame including
 * its CRC checks to 0 — `crc16(frame) === 0` is the cheapest validity test.
 */
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    table[i] = c;
  }
  return table;
}

export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** `bytes` followed by its CRC (low byte first), as sent on the wire. */
export function withCrc(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 2);
  out.set(bytes, 0);
  const crc = crc16(bytes);
  out[bytes.length] = crc & 0xff;
  out[bytes.length + 1] = crc >>> 8;
  return out;
}

/** True when the last two bytes are the CRC of the bytes before them. */
export function hasValidCrc(frame: Uint8Array): boolean {
  return frame.length >= 3 && crc16(frame) === 0;
}
