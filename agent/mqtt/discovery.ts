/**
 * Home Assistant MQTT discovery: the configs that make the charger appear in Home Assistant as one device,
 * with per EVSE sensors, a switch, a number and binary sensors. Pure, so every field is unit-tested.
 *
 * Topic `homeassistant/<component>/<node_id>/<object_id>/config` (HA's documented shape; ids limited to
 * [a-zA-Z0-9_-]). Availability is the bridge's status topic, which the broker sets to "offline" through the last
 * will: a charger that dies shows unavailable in HA. Configs of EVSEs that are no longer configured are removed
 * with an empty retained payload (the bridge finds them by subscribing to its own node's configs).
 */
import type { EvseStatus } from '../station/types.js';
import { topics } from './topics.js';

export const DISCOVERY_PREFIX = 'homeassistant';

const STATUSES: EvseStatus[] = ['Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];

export interface DiscoveryInput {
  chargePointId: string;
  prefix: string;
  vendor: string;
  model: string;
  version: string;
  serialNumber?: string | undefined;
  evses: { id: number; maxCurrentA: number }[];
}

export interface DiscoveryConfig {
  topic: string;
  payload: Record<string, unknown>;
}

/** HA's node and object ids allow only [a-zA-Z0-9_-]. */
export function nodeId(chargePointId: string): string {
  return `chargerd_${chargePointId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** Subscribed to find configs this station published earlier (and which EVSEs no longer exist). */
export function ownConfigsFilter(chargePointId: string): string {
  return `${DISCOVERY_PREFIX}/+/${nodeId(chargePointId)}/+/config`;
}

export function discoveryConfigs(d: DiscoveryInput): DiscoveryConfig[] {
  const node = nodeId(d.chargePointId);
  const t = topics(d.prefix);
  const device = {
    identifiers: [node],
    name: `chargerd ${d.chargePointId}`,
    manufacturer: d.vendor,
    model: d.model,
    sw_version: d.version,
    ...(d.serialNumber ? { serial_number: d.serialNumber } : {}),
  };
  const common = {
    device,
    origin: { name: 'chargerd', sw_version: d.version },
    availability_topic: t.status,
    payload_available: 'online',
    payload_not_available: 'offline',
  };
  const out: DiscoveryConfig[] = [];
  const add = (component: string, evse: number, key: string, name: string, extra: Record<string, unknown>) => {
    const objectId = `evse${evse}_${key}`;
    out.push({ topic: `${DISCOVERY_PREFIX}/${component}/${node}/${objectId}/config`, payload: { name: `EVSE ${evse} ${name}`, unique_id: `${node}_${objectId}`, ...common, ...extra } });
  };
  for (const e of d.evses) {
    const base = t.evse(e.id);
    add('sensor', e.id, 'status', 'status', { state_topic: `${base}/status`, device_class: 'enum', options: STATUSES, icon: 'mdi:ev-station' });
    add('sensor', e.id, 'power', 'power', { state_topic: `${base}/power`, device_class: 'power', unit_of_measurement: 'W', state_class: 'measurement' });
    add('sensor', e.id, 'energy', 'energy', { state_topic: `${base}/energy`, device_class: 'energy', unit_of_measurement: 'Wh', state_class: 'total_increasing' });
    // Falls to 0 at each new session, which total_increasing takes as a new cycle.
    add('sensor', e.id, 'session_energy', 'session energy', { state_topic: `${base}/session/energy`, device_class: 'energy', unit_of_measurement: 'Wh', state_class: 'total_increasing' });
    add('sensor', e.id, 'current', 'offered current', { state_topic: `${base}/offered_current`, device_class: 'current', unit_of_measurement: 'A', state_class: 'measurement' });
    add('switch', e.id, 'enabled', 'enabled', { state_topic: `${base}/enabled`, command_topic: `${base}/enabled/set`, payload_on: 'ON', payload_off: 'OFF', state_on: 'ON', state_off: 'OFF', icon: 'mdi:power' });
    add('number', e.id, 'current_limit', 'current limit', {
      state_topic: `${base}/limit`,
      command_topic: `${base}/limit/set`,
      min: 0,
      max: e.maxCurrentA,
      step: 1,
      mode: 'box',
      device_class: 'current',
      unit_of_measurement: 'A',
    });
    add('binary_sensor', e.id, 'plugged', 'plugged', { state_topic: `${base}/plugged`, device_class: 'plug', payload_on: 'ON', payload_off: 'OFF' });
    add('binary_sensor', e.id, 'charging', 'charging', { state_topic: `${base}/charging`, device_class: 'battery_charging', payload_on: 'ON', payload_off: 'OFF' });
    add('binary_sensor', e.id, 'fault', 'fault', { state_topic: `${base}/fault`, device_class: 'problem', payload_on: 'ON', payload_off: 'OFF' });
  }
  return out;
}
