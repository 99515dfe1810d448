/**
 * The MQTT bridge's pure parts: input validation (agent/mqtt/commands.ts), Home Assistant discovery payloads
 * (agent/mqtt/discovery.ts) and the state topics built from a snapshot (agent/mqtt/topics.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPayload, MAX_EXPIRY_S, parseCommand, parseLimit } from '../../../agent/mqtt/commands.js';
import { discoveryConfigs, nodeId, ownConfigsFilter } from '../../../agent/mqtt/discovery.js';
import { evseState, type EvseView } from '../../../agent/mqtt/topics.js';
import { safeUrl } from '../../../agent/mqtt/link.js';

const P = 'chargerd/CP-1';
const cmd = (topic: string, payload: string, retained = false) => parseCommand(P, `${P}/${topic}`, Buffer.from(payload), retained, [1, 2]);

describe('limit payloads', () => {
  test('accepted forms', () => {
    assert.deepEqual(parseLimit('16'), { ok: true, value: { currentA: 16 } });
    assert.deepEqual(parseLimit(' 7.5 '), { ok: true, value: { currentA: 7.5 } });
    assert.deepEqual(parseLimit('0'), { ok: true, value: { currentA: 0 } });
    assert.deepEqual(parseLimit(''), { ok: true, value: null });
    assert.deepEqual(parseLimit('{"currentA":10,"expiresInS":60}'), { ok: true, value: { currentA: 10 }, expiresInS: 60 });
    assert.deepEqual(parseLimit('{"powerW":7400}'), { ok: true, value: { powerW: 7400 } });
  });

  test('refused forms, each with a reason', () => {
    for (const bad of ['abc', '-1', '81', 'NaN', '"16"', 'null', '[16]', 'true', '{}', '{"currentA":"16"}', '{"currentA":10,"powerW":2000}', '{"currentA":10,"extra":1}', '{"currentA":10,"expiresInS":0}', `{"currentA":10,"expiresInS":${MAX_EXPIRY_S + 1}}`, '{"powerW":-5}', '{"powerW":1e9}', '1e400']) {
      const r = parseLimit(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.error.length > 5, bad);
    }
  });
});

describe('command topics', () => {
  test('EVSE and site limits, enabled', () => {
    assert.deepEqual(cmd('evse/2/limit/set', '{"currentA":12,"expiresInS":30}'), { ok: true, command: { kind: 'limit', scope: 2, value: { currentA: 12 }, expiresInS: 30 } });
    assert.deepEqual(cmd('site/limit/set', '40'), { ok: true, command: { kind: 'limit', scope: 'site', value: { currentA: 40 } } });
    assert.deepEqual(cmd('evse/1/enabled/set', 'OFF'), { ok: true, command: { kind: 'enabled', evse: 1, enabled: false } });
    assert.deepEqual(cmd('evse/1/enabled/set', 'ON'), { ok: true, command: { kind: 'enabled', evse: 1, enabled: true } });
  });

  test('unknown EVSE, bad enabled payload, retained, oversized, foreign topic', () => {
    for (const [topic, payload] of [
      ['evse/3/limit/set', '10'],
      ['evse/0/limit/set', '10'],
      ['evse/01/limit/set', '10'],
      ['evse/x/enabled/set', 'ON'],
      ['evse/1/enabled/set', 'on'],
      ['evse/1/enabled/set', '1'],
      ['evse/1/other/set', '1'],
    ] as const)
      assert.equal(cmd(topic, payload).ok, false, `${topic} ${payload}`);
    assert.match((cmd('evse/1/limit/set', '10', true) as { error: string }).error, /retained/);
    assert.equal(cmd('evse/1/limit/set', ' '.repeat(2000) + '1').ok, false);
    assert.equal(parseCommand(P, 'other/evse/1/limit/set', Buffer.from('1'), false, [1]).ok, false);
  });

  test('error payload echoes topic and payload (cut) with the reason', () => {
    const e = JSON.parse(errorPayload(`${P}/evse/1/limit/set`, Buffer.from('x'.repeat(300)), 'bad'));
    assert.equal(e.topic, `${P}/evse/1/limit/set`);
    assert.equal(e.payload.length, 257);
    assert.equal(e.error, 'bad');
  });

  test('the broker URL is logged without credentials', () => {
    assert.equal(safeUrl('mqtt://user:secret@host:1883'), 'mqtt://host:1883');
  });
});

describe('Home Assistant discovery', () => {
  const configs = discoveryConfigs({ chargePointId: 'CP 1/x', prefix: P, vendor: 'ACME', model: 'Wallbox', version: '0.1.0', serialNumber: 'SN1', evses: [{ id: 1, maxCurrentA: 16 }, { id: 2, maxCurrentA: 32 }] });
  const byTopic = new Map(configs.map((c) => [c.topic, c.payload as Record<string, any>]));

  test('topic shape and ids are limited to HA characters', () => {
    assert.equal(nodeId('CP 1/x'), 'chargerd_CP_1_x');
    assert.equal(ownConfigsFilter('CP 1/x'), 'homeassistant/+/chargerd_CP_1_x/+/config');
    assert.equal(configs.length, 20);
    for (const c of configs) assert.match(c.topic, /^homeassistant\/(sensor|switch|number|binary_sensor)\/chargerd_CP_1_x\/evse[12]_[a-z_]+\/config$/);
    assert.equal(new Set(configs.map((c) => c.payload.unique_id)).size, configs.length, 'unique_id is unique');
  });

  test('every entity: device, unique_id, state_topic, availability', () => {
    for (const p of byTopic.values()) {
      assert.deepEqual(p.device, { identifiers: ['chargerd_CP_1_x'], name: 'chargerd CP 1/x', manufacturer: 'ACME', model: 'Wallbox', sw_version: '0.1.0', serial_number: 'SN1' });
      assert.ok(typeof p.unique_id === 'string' && p.unique_id.startsWith('chargerd_CP_1_x_evse'));
      assert.ok(typeof p.name === 'string');
      assert.match(p.state_topic, /^chargerd\/CP-1\/evse\/[12]\//);
      assert.equal(p.availability_topic, `${P}/status`);
      assert.equal(p.payload_available, 'online');
      assert.equal(p.payload_not_available, 'offline');
    }
  });

  test('sensors, switch, number and binary sensors carry their classes, units and commands', () => {
    const g = (c: string, o: string) => byTopic.get(`homeassistant/${c}/chargerd_CP_1_x/${o}/config`)!;
    assert.deepEqual(pick(g('sensor', 'evse1_power'), 'device_class', 'unit_of_measurement', 'state_class', 'state_topic'), ['power', 'W', 'measurement', `${P}/evse/1/power`]);
    assert.deepEqual(pick(g('sensor', 'evse1_energy'), 'device_class', 'unit_of_measurement', 'state_class'), ['energy', 'Wh', 'total_increasing']);
    assert.deepEqual(pick(g('sensor', 'evse1_session_energy'), 'device_class', 'unit_of_measurement', 'state_topic'), ['energy', 'Wh', `${P}/evse/1/session/energy`]);
    assert.deepEqual(pick(g('sensor', 'evse1_current'), 'device_class', 'unit_of_measurement', 'state_class'), ['current', 'A', 'measurement']);
    assert.equal(g('sensor', 'evse1_status').device_class, 'enum');
    assert.ok(g('sensor', 'evse1_status').options.includes('SuspendedEVSE'));
    assert.deepEqual(pick(g('switch', 'evse2_enabled'), 'command_topic', 'state_topic', 'payload_on', 'payload_off', 'state_on', 'state_off'), [`${P}/evse/2/enabled/set`, `${P}/evse/2/enabled`, 'ON', 'OFF', 'ON', 'OFF']);
    assert.deepEqual(pick(g('number', 'evse2_current_limit'), 'command_topic', 'state_topic', 'min', 'max', 'unit_of_measurement'), [`${P}/evse/2/limit/set`, `${P}/evse/2/limit`, 0, 32, 'A']);
    assert.equal(g('number', 'evse1_current_limit').max, 16);
    assert.deepEqual(pick(g('binary_sensor', 'evse1_plugged'), 'device_class', 'payload_on'), ['plug', 'ON']);
    assert.equal(g('binary_sensor', 'evse1_charging').device_class, 'battery_charging');
    assert.equal(g('binary_sensor', 'evse1_fault').device_class, 'problem');
  });
});

describe('EVSE state topics', () => {
  const view: EvseView = {
    id: 1,
    status: 'Charging',
    errorCode: 'NoError',
    pilotState: 'C',
    relayClosed: true,
    offeredCurrentA: 16,
    limitA: 16,
    limitSource: 'external',
    operative: true,
    faults: [],
    powerW: 11040.4,
    energyWh: 1234,
    transaction: { localId: 'L1', csmsId: '7', idTag: 'CARD', startedAt: '2026-01-01T00:00:00.000Z', energyWh: 200 },
  };

  test('plain values per topic and one JSON summary', () => {
    const s = evseState(view, { value: { currentA: 16 }, expiresAt: null }, new Date('2026-01-01T00:01:30.000Z'));
    assert.equal(s.status, 'Charging');
    assert.equal(s.relay, 'ON');
    assert.equal(s.charging, 'ON');
    assert.equal(s.plugged, 'ON');
    assert.equal(s.power, '11040.4');
    assert.equal(s['limit/source'], 'external');
    assert.equal(s['session/duration'], '90');
    assert.equal(s['session/id_token'], 'CARD');
    const j = JSON.parse(s.state!);
    assert.deepEqual(j.session, { idToken: 'CARD', transactionId: '7', localId: 'L1', startedAt: '2026-01-01T00:00:00.000Z', energyWh: 200, durationS: 90 });
    assert.deepEqual(j.externalLimit, { currentA: 16, expiresAt: null });
  });

  test('no session, no reading: empty payloads (which clear the retained value) and zeros for HA', () => {
    const s = evseState({ ...view, status: 'Available', pilotState: 'A', relayClosed: false, powerW: undefined, transaction: null }, null, new Date());
    assert.equal(s.power, '');
    assert.equal(s['session/id_token'], '');
    assert.equal(s['session/energy'], '0');
    assert.equal(s['session/active'], 'OFF');
    assert.equal(s.plugged, 'OFF');
    assert.equal(s['limit/external'], 'null');
  });
});

function pick(o: Record<string, unknown>, ...keys: string[]): unknown[] {
  return keys.map((k) => o[k]);
}
