import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfigValidator, ConfigError } from '../../../agent/config/load.js';

const base = {
  chargePointId: 'CP-1',
  ocpp: { version: '1.6', csmsUrl: 'ws://127.0.0.1:9000/ocpp' },
  evses: [{ id: 1 }, { id: 2 }],
};

function problems(raw: unknown): { field: string; value: unknown; rule: string }[] {
  try {
    createConfigValidator()(raw);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

const linux = (readers: unknown[], evses: unknown[] = base.evses): unknown => ({ ...base, evses, hal: { driver: 'linux', board: 'rpi-generic', readers } });

test('readers of both types with their defaults are accepted; freeVend on an EVSE without a reader', () => {
  const c = createConfigValidator()(
    linux(
      [
        { type: 'pn532', evse: 1, port: '/dev/ttyS0' },
        { type: 'keyboard', evse: 2, device: '/dev/input/by-id/usb-reader-event-kbd' },
      ],
      [{ id: 1 }, { id: 2 }],
    ),
  );
  assert.equal((c.hal.readers as unknown[]).length, 2);
  const f = createConfigValidator()({ ...base, evses: [{ id: 1, freeVend: 'FREE' }, { id: 2 }] });
  assert.equal(f.evses[0]!.freeVend, 'FREE');
});

test('every reader problem at once, each naming its field', () => {
  const p = problems(
    linux(
      [
        { type: 'pn532', evse: 1 },
        { type: 'pn532', evse: 3, port: '/dev/ttyS0', baudRate: 1234, pollIntervalMs: 1 },
        { type: 'keyboard', evse: 1, device: 'event-kbd', grab: false },
        { type: 'nfc', evse: 2 },
        { type: 'pn532', evse: 2, port: '/dev/ttyS0' },
      ],
      [{ id: 1, freeVend: 'FREE' }, { id: 2 }],
    ),
  );
  const fields = p.map((x) => x.field).sort();
  for (const f of [
    '/hal/readers/0/port',
    '/hal/readers/1/baudRate',
    '/hal/readers/1/pollIntervalMs',
    '/hal/readers/2/device',
    '/hal/readers/2/grab',
    '/hal/readers/3/type',
  ]) {
    assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
  }
});

test('cross-field rules: the EVSE exists, one reader per EVSE and per port, no freeVend beside a reader, linux only', () => {
  let p = problems(
    linux(
      [
        { type: 'pn532', evse: 1, port: '/dev/ttyS0' },
        { type: 'pn532', evse: 3, port: '/dev/ttyS1' },
        { type: 'keyboard', evse: 1, device: '/dev/input/event0' },
        { type: 'pn532', evse: 2, port: '/dev/ttyS0' },
      ],
      [{ id: 1, freeVend: 'FREE' }, { id: 2 }],
    ),
  );
  const by = (field: string): string => p.find((x) => x.field === field)?.rule ?? `(no problem at ${field}: ${JSON.stringify(p)})`;
  assert.match(by('/hal/readers/1/evse'), /no such EVSE/);
  assert.match(by('/hal/readers/2/evse'), /EVSE 1 already has a reader \(\/hal\/readers\/0\)/);
  assert.match(by('/hal/readers/3/port'), /\/dev\/ttyS0 is already the port of \/hal\/readers\/0/);
  assert.match(by('/evses/0/freeVend'), /has a reader/);
  p = problems({ ...base, hal: { driver: 'sim', readers: [{ type: 'pn532', evse: 1, port: '/dev/ttyS0' }] } });
  assert.match(by('/hal/readers'), /hal.driver "linux"/);
});
