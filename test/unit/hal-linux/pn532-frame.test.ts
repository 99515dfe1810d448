import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, Pn532FrameParser, type Pn532Frame, type Pn532Garbage } from '../../../hal/linux/rfid/pn532-frame.js';
import { parseTarget } from '../../../hal/linux/rfid/pn532-reader.js';
import { uidToIdTag } from '../../../hal/linux/rfid/id-tag.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

function parse(...chunks: Uint8Array[]): { frames: Pn532Frame[]; garbage: Pn532Garbage[] } {
  const frames: Pn532Frame[] = [];
  const garbage: Pn532Garbage[] = [];
  const p = new Pn532FrameParser((f) => frames.push(f), (g) => garbage.push(g));
  for (const c of chunks) p.push(c);
  return { frames, garbage };
}

test('encodes the datasheet frames: GetFirmwareVersion, SAMConfiguration, InListPassiveTarget', () => {
  // UM0701-02 and the PN532 application note: the host frames as they appear on the wire.
  assert.deepEqual(encodeFrame(0xd4, [0x02]), hex('00 00 ff 02 fe d4 02 2a 00'));
  assert.deepEqual(encodeFrame(0xd4, [0x14, 0x01, 0x14, 0x01]), hex('00 00 ff 05 fb d4 14 01 14 01 02 00'));
  assert.deepEqual(encodeFrame(0xd4, [0x4a, 0x01, 0x00]), hex('00 00 ff 04 fc d4 4a 01 00 e1 00'));
});

test('extended frames above 254 bytes round-trip', () => {
  const data = Array.from({ length: 260 }, (_, i) => i & 0xff);
  const f = encodeFrame(0xd5, data);
  assert.deepEqual(Array.from(f.subarray(0, 8)), [0x00, 0x00, 0xff, 0xff, 0xff, 0x01, 0x05, 0xfa]);
  const { frames, garbage } = parse(f);
  assert.deepEqual(garbage, []);
  assert.equal(frames.length, 1);
  assert.deepEqual(frames[0], { kind: 'info', tfi: 0xd5, data: Uint8Array.from(data) });
});

test('ACK, NACK and the error frame; a response split in any chunks; a firmware answer', () => {
  const fw = hex('00 00 ff 06 fa d5 03 32 01 06 07 e8 00');
  const all = Uint8Array.of(...hex('00 00 ff 00 ff 00'), ...fw, ...hex('00 00 ff ff 00 00'), ...hex('00 00 ff 01 ff 7f 81 00'));
  for (let split = 1; split < all.length; split++) {
    const { frames, garbage } = parse(all.subarray(0, split), all.subarray(split));
    assert.deepEqual(garbage, [], `split at ${split}`);
    assert.deepEqual(frames, [{ kind: 'ack' }, { kind: 'info', tfi: 0xd5, data: hex('03 32 01 06 07') }, { kind: 'nack' }, { kind: 'error' }]);
  }
});

test('garbage and bad checksums are reported and skipped; the next good frame is read', () => {
  const good = encodeFrame(0xd5, [0x4b, 0x00]);
  const badLcs = hex('00 00 ff 04 fd d5 4b 00 e0 00');
  const badDcs = hex('00 00 ff 03 fd d5 4b 00 e1 00');
  const { frames, garbage } = parse(hex('13 37 ff ee'), badLcs, badDcs, good);
  assert.deepEqual(frames, [{ kind: 'info', tfi: 0xd5, data: hex('4b 00') }]);
  const reasons = garbage.map((g) => g.reason);
  assert.ok(reasons.includes('bad length checksum'), reasons.join());
  assert.ok(reasons.includes('bad data checksum'), reasons.join());
});

test('InListPassiveTarget targets: none, a 4-byte and a 7-byte UID; malformed ones throw', () => {
  assert.equal(parseTarget(hex('00')), null);
  const four = parseTarget(hex('01 01 00 04 08 04 de ad be ef'))!;
  assert.equal(uidToIdTag(four), 'DEADBEEF');
  assert.equal(uidToIdTag(four, 'hex-reversed'), 'EFBEADDE');
  assert.equal(uidToIdTag(parseTarget(hex('01 01 00 44 00 07 04 a1 b2 c3 d4 e5 f6'))!), '04A1B2C3D4E5F6');
  assert.throws(() => parseTarget(hex('01 01 00 04 08 07 de ad')), /malformed/);
  assert.throws(() => parseTarget(new Uint8Array(0)), /empty/);
});
