/**
 * `chargerctl config get|set` (and the config file's `ocppKeys`) over the device model. A key names one variable
 * of one component instance as keyOf() does — `OCPPCommCtrlr.HeartbeatInterval`, `DeviceDataCtrlr.ItemsPerMessage
 * [GetReport]`, `EVSE@1.AvailabilityState`, `Connector@1/1.ConnectorType` — and means its Actual attribute; a
 * suffix `/Target`, `/MinSet` or `/MaxSet` names another attribute. Names are case-insensitive as in SetVariables.
 * A write goes through the same DeviceModel.set() as SetVariables: same checks, persistence and listeners.
 */
import type { ConfigSetResult, ConfigurationAccess } from '../../agent/ocpp/protocol-profile.js';
import { keyOf, refOf, type DeviceModel, type Entry } from './device-model/device-model.js';
import type { AttributeEnumType } from './device-model/types.js';
import { checkValue, lengthOf } from './device-model/values.js';
import type { SetVariableResultType } from './generated/SetVariables.js';

const ATTRIBUTES: readonly AttributeEnumType[] = ['Actual', 'Target', 'MinSet', 'MaxSet'];

interface Addressed {
  entry: Entry;
  attribute: AttributeEnumType;
  key: string;
}

export class DeviceModelConfig implements ConfigurationAccess {
  private readonly byKey = new Map<string, Entry>();

  constructor(private readonly model: DeviceModel) {
    for (const e of model.entries()) this.byKey.set(keyOf(refOf(e)).toLowerCase(), e);
  }

  keys(): readonly { key: string; rebootRequired?: boolean }[] {
    const out: { key: string; rebootRequired?: boolean }[] = [];
    for (const e of this.model.entries()) {
      for (const a of e.def.attributes) out.push({ key: this.name(e, a.type), ...(e.def.rebootRequired ? { rebootRequired: true } : {}) });
    }
    return out;
  }

  /**
   * Exact spelling only (as keys() lists it): the control socket's config.get finds the key's row by the name it
   * was given. get() and set() also take other cases, as SetVariables does.
   */
  has(key: string): boolean {
    return this.address(key)?.key === key;
  }

  get(key: string): { key: string; readonly: boolean; value: string } | undefined {
    const a = this.address(key);
    if (!a) return undefined;
    const attr = a.entry.def.attributes.find((x) => x.type === a.attribute)!;
    // A WriteOnly value (BasicAuthPassword) is never shown, as GetVariables never returns it.
    const value = attr.mutability === 'WriteOnly' ? '' : (this.model.value(refOf(a.entry), a.attribute) ?? '');
    return { key: a.key, readonly: attr.mutability === 'ReadOnly', value };
  }

  set(key: string, raw: string): ConfigSetResult {
    const a = this.address(key);
    if (!a) return { status: 'NotSupported', reason: `no device-model variable ${key}` };
    const e = a.entry;
    const r = this.model.set({
      component: { name: e.component.name, ...(e.evseId !== undefined ? { evse: { id: e.evseId, ...(e.connectorId !== undefined ? { connectorId: e.connectorId } : {}) } } : {}) },
      variable: { name: e.def.name, ...(e.def.instance ? { instance: e.def.instance } : {}) },
      attributeType: a.attribute,
      attributeValue: raw,
    });
    return fromSetResult(r);
  }

  check(key: string, raw: string): ConfigSetResult {
    const a = this.address(key);
    if (!a) return { status: 'NotSupported', reason: `no device-model variable ${key}` };
    const attr = a.entry.def.attributes.find((x) => x.type === a.attribute)!;
    if (attr.mutability === 'ReadOnly') return { status: 'Rejected', reason: 'ReadOnly' };
    const size = this.model.configurationValueSize();
    if (lengthOf(raw) > size) return { status: 'Rejected', reason: `TooLargeElement: longer than ${size} characters` };
    const problem = checkValue(a.entry.def, raw);
    if (problem) return { status: 'Rejected', reason: `${problem.reasonCode}: ${problem.info}` };
    return { status: a.entry.def.rebootRequired ? 'RebootRequired' : 'Accepted' };
  }

  /** Whether a value is stored for this key (an earlier write), so the config file's initial value does not apply. */
  isStored(key: string, stored: Readonly<Record<string, string>>): boolean {
    const a = this.address(key);
    return a !== null && Object.keys(stored).some((k) => k.toLowerCase() === keyOf(refOf(a.entry), a.attribute).toLowerCase());
  }

  private name(e: Entry, attribute: AttributeEnumType): string {
    return attribute === 'Actual' ? keyOf(refOf(e)) : `${keyOf(refOf(e))}/${attribute}`;
  }

  private address(key: string): Addressed | null {
    const slash = key.lastIndexOf('/');
    const suffix = slash > 0 ? ATTRIBUTES.find((t) => t.toLowerCase() === key.slice(slash + 1).toLowerCase()) : undefined;
    const base = suffix ? key.slice(0, slash) : key;
    const entry = this.byKey.get(base.toLowerCase());
    if (!entry) return null;
    const attribute = suffix ?? 'Actual';
    if (!entry.def.attributes.some((x) => x.type === attribute)) return null;
    return { entry, attribute, key: this.name(entry, attribute) };
  }
}

/** SetVariables' statuses as ChangeConfiguration's (ConfigSetResult), with the reason code for the operator. */
export function fromSetResult(r: SetVariableResultType): ConfigSetResult {
  switch (r.attributeStatus) {
    case 'Accepted':
      return { status: 'Accepted' };
    case 'RebootRequired':
      return { status: 'RebootRequired' };
    case 'Rejected': {
      const info = r.attributeStatusInfo;
      return { status: 'Rejected', reason: info ? `${info.reasonCode}${info.additionalInfo ? `: ${info.additionalInfo}` : ''}` : 'Rejected' };
    }
    default:
      return { status: 'NotSupported', reason: r.attributeStatus };
  }
}
