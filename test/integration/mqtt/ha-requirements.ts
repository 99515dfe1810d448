/**
 * What Home Assistant's MQTT integration requires of a discovery config, written down from its documentation and
 * schemas (mqtt discovery, sensor, binary_sensor, switch, number, device registry, sensor device classes and their
 * units), so the test checks every config the bridge publishes and not a handful of fields. Returns the problems
 * found, each naming the entity and the field.
 */

/** HA's discovery topic: <prefix>/<component>/[<node_id>/]<object_id>/config, ids in [a-zA-Z0-9_-]. */
export const DISCOVERY_TOPIC = /^homeassistant\/(sensor|binary_sensor|switch|number)\/([a-zA-Z0-9_-]+)\/([a-zA-Z0-9_-]+)\/config$/;

/** Sensor device classes used here and the units HA accepts for each (homeassistant.components.sensor.const). */
const SENSOR_UNITS: Record<string, string[]> = {
  power: ['mW', 'W', 'kW', 'MW', 'GW', 'TW', 'BTU/h'],
  energy: ['J', 'kJ', 'MJ', 'GJ', 'mWh', 'Wh', 'kWh', 'MWh', 'GWh', 'TWh', 'cal', 'kcal', 'Mcal', 'Gcal'],
  current: ['A', 'mA'],
  voltage: ['V', 'mV', 'µV', 'kV', 'MV'],
};
const SENSOR_CLASSES = new Set([...Object.keys(SENSOR_UNITS), 'enum', 'timestamp', 'duration', 'temperature', 'battery']);
const BINARY_CLASSES = new Set(['battery', 'battery_charging', 'connectivity', 'plug', 'power', 'problem', 'running', 'safety', 'update']);
const NUMBER_CLASSES: Record<string, string[]> = { current: ['A', 'mA'], power: SENSOR_UNITS.power!, energy: SENSOR_UNITS.energy! };
const STATE_CLASSES = new Set(['measurement', 'total', 'total_increasing']);

export interface HaEntity {
  topic: string;
  component: string;
  config: Record<string, any>;
}

export function checkHaConfig(topic: string, payload: string): { entity: HaEntity | null; problems: string[] } {
  const problems: string[] = [];
  const m = DISCOVERY_TOPIC.exec(topic);
  if (!m) return { entity: null, problems: [`${topic}: not a discovery topic HA reads`] };
  let c: Record<string, any>;
  try {
    c = JSON.parse(payload);
  } catch {
    return { entity: null, problems: [`${topic}: payload is not JSON`] };
  }
  const component = m[1]!;
  const at = (f: string, why: string) => problems.push(`${topic} ${f}: ${why}`);
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (!str(c.unique_id)) at('unique_id', 'required (without it HA neither attaches the entity to a device nor lets it be edited)');
  const d = c.device;
  if (!d || typeof d !== 'object') at('device', 'required to appear as a device');
  else {
    if (!Array.isArray(d.identifiers) || d.identifiers.length === 0 || !d.identifiers.every(str)) at('device.identifiers', 'a non-empty list of strings');
    for (const k of ['name', 'manufacturer', 'model', 'sw_version']) if (d[k] !== undefined && !str(d[k])) at(`device.${k}`, 'a non-empty string');
  }
  if (!str(c.availability_topic)) at('availability_topic', 'required here: availability tied to the last will');
  if (c.payload_available !== undefined && !str(c.payload_available)) at('payload_available', 'a string');
  if (c.payload_not_available !== undefined && !str(c.payload_not_available)) at('payload_not_available', 'a string');
  if (c.name !== undefined && c.name !== null && !str(c.name)) at('name', 'a string or null');
  const needs = { sensor: ['state_topic'], binary_sensor: ['state_topic'], switch: ['command_topic'], number: ['command_topic'] }[component]!;
  for (const k of needs) if (!str(c[k])) at(k, `required for a ${component}`);
  if (c.state_class !== undefined && !STATE_CLASSES.has(c.state_class)) at('state_class', `one of ${[...STATE_CLASSES].join(', ')}`);
  if (component === 'sensor') {
    if (c.device_class !== undefined && !SENSOR_CLASSES.has(c.device_class)) at('device_class', `not a sensor device class HA knows (${c.device_class})`);
    const units = SENSOR_UNITS[c.device_class];
    if (units && !units.includes(c.unit_of_measurement)) at('unit_of_measurement', `${c.unit_of_measurement} is not a unit of ${c.device_class} (${units.join(', ')})`);
    if (c.device_class === 'enum') {
      if (!Array.isArray(c.options) || c.options.length === 0) at('options', 'required for an enum sensor');
      if (c.unit_of_measurement !== undefined || c.state_class !== undefined) at('enum', 'an enum sensor takes neither a unit nor a state_class');
    }
    if (c.device_class === 'energy' && c.state_class === 'measurement') at('state_class', 'an energy sensor is total or total_increasing, not measurement');
  }
  if (component === 'binary_sensor' && c.device_class !== undefined && !BINARY_CLASSES.has(c.device_class)) at('device_class', `not a binary_sensor device class (${c.device_class})`);
  if (component === 'number') {
    if (typeof c.min !== 'number' || typeof c.max !== 'number' || !(c.min < c.max)) at('min/max', 'numbers with min < max');
    if (c.step !== undefined && !(typeof c.step === 'number' && c.step >= 0.001)) at('step', 'a number >= 0.001');
    if (c.mode !== undefined && !['auto', 'box', 'slider'].includes(c.mode)) at('mode', 'auto, box or slider');
    const units = NUMBER_CLASSES[c.device_class];
    if (c.device_class !== undefined && !units) at('device_class', `not a number device class used here (${c.device_class})`);
    if (units && !units.includes(c.unit_of_measurement)) at('unit_of_measurement', `not a unit of ${c.device_class}`);
  }
  return { entity: { topic, component, config: c }, problems };
}

/**
 * Whether HA could take `payload`, published on the entity's state_topic, as a state: a number for a numeric
 * sensor or a number entity (within min..max), one of `options` for an enum, payload_on/off (state_on/off for a
 * switch) for binary sensors and switches. Empty is "no value" (a retained value removed).
 */
export function stateProblem(e: HaEntity, payload: string): string | null {
  const c = e.config;
  if (payload === '') return null;
  if (e.component === 'sensor') {
    if (c.device_class === 'enum') return c.options.includes(payload) ? null : `${payload} is not one of the options`;
    if (SENSOR_UNITS[c.device_class] && !Number.isFinite(Number(payload))) return `${payload} is not a number`;
    return null;
  }
  if (e.component === 'number') {
    const n = Number(payload);
    return Number.isFinite(n) && n >= c.min && n <= c.max ? null : `${payload} is not a number in ${c.min}..${c.max}`;
  }
  const on = e.component === 'switch' ? (c.state_on ?? c.payload_on ?? 'ON') : (c.payload_on ?? 'ON');
  const off = e.component === 'switch' ? (c.state_off ?? c.payload_off ?? 'OFF') : (c.payload_off ?? 'OFF');
  return payload === on || payload === off ? null : `${payload} is neither ${on} nor ${off}`;
}
