/**
 * The OCPP 2.0.1 device model of one station: the values of every component variable attribute, and the semantics
 * of GetVariables / SetVariables (part 2 B05, B06) over them. I/O-free: the definitions are data (variables.ts,
 * generated from the OCA appendix), persisted values come in as a map, writes go out through a callback, live
 * values (clock, counters, EVSE state) are read through a callback. One instance per station; nothing is global.
 */
import type { GetVariableDataType, GetVariableResultType, GetVariablesRequest, GetVariablesResponse } from '../generated/GetVariables.js';
import type { SetVariableDataType, SetVariableResultType, SetVariablesRequest, SetVariablesResponse } from '../generated/SetVariables.js';
import type { ComponentType, ReportDataType, VariableAttributeType, VariableCharacteristicsType, VariableType } from '../generated/NotifyReport.js';
import type { AttributeDefinition, AttributeEnumType, ComponentDefinition, VariableDefinition } from './types.js';
import { STANDARD_COMPONENTS } from './variables.js';
import { checkValue, lengthOf, truncate } from './values.js';

export interface EvseTopology {
  id: number;
  connectors: readonly number[];
}

/** Addresses one variable of one component instance, as station code names it. */
export interface VariableRef {
  component: string;
  evseId?: number;
  connectorId?: number;
  variable: string;
  instance?: string;
}

export interface DeviceModelOptions {
  evses: readonly EvseTopology[];
  /** Values stored by an earlier run, keyed by keyOf(). Invalid or unknown entries are skipped (see warnings). */
  persisted?: Readonly<Record<string, string>>;
  /** Called synchronously for every accepted write of a persistent attribute; throwing refuses the write. */
  persist?: (key: string, value: string) => void;
  /** Station-specific values that replace the defaults (ConnectorType, ItemsPerMessage, ...), keyed by keyOf(). */
  values?: Readonly<Record<string, string>>;
  /** Station-specific characteristics per variable (e.g. EVSE Power maxLimit), keyed by keyOf() without attribute. */
  characteristics?: Readonly<Record<string, Partial<Pick<VariableDefinition, 'minLimit' | 'maxLimit' | 'valuesList' | 'unit'>>>>;
  /** Live value of a `live` variable's Actual attribute; undefined falls back to the stored value. */
  read?: (ref: VariableRef) => string | undefined;
  components?: readonly ComponentDefinition[];
}

export type ChangeListener = (ref: VariableRef, attribute: AttributeEnumType, value: string) => void;

/** A CALLERROR the caller should answer with instead of processing the request (B06.FR.16/17, B08.FR.17/18). */
export interface SizeViolation {
  code: 'OccurrenceConstraintViolation' | 'FormatViolation';
  description: string;
}

export type SizeLimitedAction = 'GetVariables' | 'SetVariables' | 'GetReport';

/** One variable of one component instance (a component on the station, on EVSE n, or on connector n/m). */
export interface Entry {
  component: ComponentDefinition;
  evseId?: number;
  connectorId?: number;
  def: VariableDefinition;
  values: Map<AttributeEnumType, string>;
}

// Largest sizes the OCA schemas allow: GetVariableResult.attributeValue / VariableAttribute.value 2500,
// SetVariableData.attributeValue / VariableCharacteristics.valuesList 1000.
const SCHEMA_REPORTING_MAX = 2500;
const SCHEMA_CONFIGURATION_MAX = 1000;

const eq = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** The persistence key of one attribute: `EVSE@1.Power/Actual`, `Connector@1/2.ConnectorType/Actual`, ... */
export function keyOf(ref: VariableRef, attribute?: AttributeEnumType): string {
  const tier = ref.evseId === undefined ? '' : ref.connectorId === undefined ? `@${ref.evseId}` : `@${ref.evseId}/${ref.connectorId}`;
  const inst = ref.instance ? `[${ref.instance}]` : '';
  return `${ref.component}${tier}.${ref.variable}${inst}${attribute ? `/${attribute}` : ''}`;
}

export function refOf(e: Entry): VariableRef {
  return {
    component: e.component.name,
    ...(e.evseId !== undefined ? { evseId: e.evseId } : {}),
    ...(e.connectorId !== undefined ? { connectorId: e.connectorId } : {}),
    variable: e.def.name,
    ...(e.def.instance ? { instance: e.def.instance } : {}),
  };
}

export class DeviceModel {
  private readonly list: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly persist: ((key: string, value: string) => void) | undefined;
  private readonly read: ((ref: VariableRef) => string | undefined) | undefined;
  private readonly pendingReboot = new Set<string>();
  /** Rules a valid value must also pass that involve the station (e.g. TxStartPoint values it cannot act on). */
  private readonly vetoes: ((ref: VariableRef, attribute: AttributeEnumType, value: string) => string | null)[] = [];
  /** Persisted or station values that could not be applied, one sentence each (for the log). */
  readonly warnings: string[] = [];

  constructor(options: DeviceModelOptions) {
    this.persist = options.persist;
    this.read = options.read;
    for (const component of options.components ?? STANDARD_COMPONENTS) {
      const tiers: { evseId?: number; connectorId?: number }[] =
        component.scope === 'station' ? [{}]
        : component.scope === 'evse' ? options.evses.map((e) => ({ evseId: e.id }))
        : options.evses.flatMap((e) => e.connectors.map((c) => ({ evseId: e.id, connectorId: c })));
      for (const tier of tiers) {
        for (const v of component.variables) {
          const entry: Entry = { component, ...tier, def: v, values: new Map(v.attributes.map((a) => [a.type, a.default])) };
          const over = options.characteristics?.[keyOf(refOf(entry))];
          if (over) entry.def = { ...v, ...over };
          this.list.push(entry);
          this.byKey.set(keyOf(refOf(entry)).toLowerCase(), entry);
        }
      }
    }
    this.load(options.values ?? {}, 'station value', true);
    this.load(options.persisted ?? {}, 'persisted value', false);
  }

  private load(values: Readonly<Record<string, string>>, what: string, readOnlyToo: boolean): void {
    for (const [key, value] of Object.entries(values)) {
      const slash = key.lastIndexOf('/');
      const entry = slash > 0 ? this.byKey.get(key.slice(0, slash).toLowerCase()) : undefined;
      const attr = entry?.def.attributes.find((a) => a.type === key.slice(slash + 1));
      if (!entry || !attr) {
        this.warnings.push(`${what} ${key}: no such variable attribute, ignored`);
        continue;
      }
      if (!readOnlyToo && (attr.mutability === 'ReadOnly' || !attr.persistent)) {
        this.warnings.push(`${what} ${key}: not a persistent writable attribute, ignored`);
        continue;
      }
      const problem = checkValue(entry.def, value);
      if (problem) {
        this.warnings.push(`${what} ${key}: ${problem.info}, ignored`);
        continue;
      }
      entry.values.set(attr.type, value);
    }
  }

  /** Every variable of every component instance, in definition order (report order). */
  entries(): readonly Entry[] {
    return this.list;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keys written with status RebootRequired since start: they take effect at the next boot. */
  /** `fn` names why a value is refused (SetVariables Rejected, reasonCode InvalidValue), or returns null. */
  addVeto(fn: (ref: VariableRef, attribute: AttributeEnumType, value: string) => string | null): void {
    this.vetoes.push(fn);
  }

  rebootPending(): readonly string[] {
    return [...this.pendingReboot];
  }

  /** The current value of an attribute (live values included), for station code. Undefined if no such variable. */
  value(ref: VariableRef, attribute: AttributeEnumType = 'Actual'): string | undefined {
    const e = this.byKey.get(keyOf(ref).toLowerCase());
    if (!e || !e.values.has(attribute)) return undefined;
    return this.current(e, attribute);
  }

  /** A numeric value, for the limits station code applies (intervals, attempts, sizes). */
  number(ref: VariableRef): number | undefined {
    const v = this.value(ref);
    return v === undefined || v === '' ? undefined : Number(v);
  }

  private current(e: Entry, attribute: AttributeEnumType): string {
    if (attribute === 'Actual' && e.def.live && this.read) {
      const live = this.read(refOf(e));
      if (live !== undefined) return live;
    }
    return e.values.get(attribute) ?? '';
  }

  /** Component/variable lookup with the addressing rules of part 1 §4 and B06.FR.14/15 (names case-insensitive). */
  find(component: ComponentType, variable: VariableType): Entry | 'UnknownComponent' | 'UnknownVariable' {
    const candidates = this.list.filter((e) => this.sameComponent(e, component));
    if (!candidates.length) return 'UnknownComponent';
    const hit = candidates.find((e) => eq(e.def.name, variable.name) && eq(e.def.instance, variable.instance));
    return hit ?? 'UnknownVariable';
  }

  private sameComponent(e: Entry, c: ComponentType): boolean {
    if (!eq(e.component.name, c.name) || (c.instance ?? '') !== '') return false;
    if (e.evseId === undefined) return c.evse === undefined;
    if (c.evse?.id !== e.evseId) return false;
    return e.connectorId === undefined ? c.evse.connectorId === undefined : c.evse.connectorId === e.connectorId;
  }

  /** The smaller of ReportingValueSize and ValueSize: the longest value GetVariables and reports return. */
  reportingValueSize(): number {
    return this.smallest(['ReportingValueSize', 'ValueSize'], SCHEMA_REPORTING_MAX);
  }

  /** The smaller of ConfigurationValueSize and ValueSize: the longest value SetVariables accepts (and valuesList). */
  configurationValueSize(): number {
    return this.smallest(['ConfigurationValueSize', 'ValueSize'], SCHEMA_CONFIGURATION_MAX);
  }

  private smallest(names: string[], max: number): number {
    let n = max;
    for (const variable of names) {
      const v = this.number({ component: 'DeviceDataCtrlr', variable });
      if (v !== undefined && v > 0 && v < n) n = v;
    }
    return n;
  }

  itemsPerMessage(action: SizeLimitedAction): number | undefined {
    return this.number({ component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance: action });
  }

  bytesPerMessage(action: SizeLimitedAction): number | undefined {
    return this.number({ component: 'DeviceDataCtrlr', variable: 'BytesPerMessage', instance: action });
  }

  /**
   * Whether a request is too big to process: more items than ItemsPerMessage (OccurrenceConstraintViolation) or
   * more bytes than BytesPerMessage (FormatViolation). `bytes` is the length of the received message.
   */
  checkRequestSize(action: SizeLimitedAction, items: number, bytes: number): SizeViolation | null {
    const maxItems = this.itemsPerMessage(action);
    if (maxItems !== undefined && items > maxItems) {
      return { code: 'OccurrenceConstraintViolation', description: `${action}: ${items} items, at most ${maxItems} (DeviceDataCtrlr.ItemsPerMessage[${action}])` };
    }
    const maxBytes = this.bytesPerMessage(action);
    if (maxBytes !== undefined && bytes > maxBytes) {
      return { code: 'FormatViolation', description: `${action}: ${bytes} bytes, at most ${maxBytes} (DeviceDataCtrlr.BytesPerMessage[${action}])` };
    }
    return null;
  }

  getVariables(req: GetVariablesRequest): GetVariablesResponse {
    const results = req.getVariableData.map((d) => this.get(d));
    return { getVariableResult: results as GetVariablesResponse['getVariableResult'] };
  }

  get(d: GetVariableDataType): GetVariableResultType {
    const attributeType = d.attributeType ?? 'Actual';
    const base = { component: d.component, variable: d.variable, attributeType };
    const e = this.find(d.component, d.variable);
    if (typeof e === 'string') return { ...base, attributeStatus: e };
    const attr = e.def.attributes.find((a) => a.type === attributeType);
    if (!attr) return { ...base, attributeStatus: 'NotSupportedAttributeType' };
    if (attr.mutability === 'WriteOnly') {
      return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly' } };
    }
    return { ...base, attributeStatus: 'Accepted', attributeValue: truncate(this.current(e, attributeType), this.reportingValueSize()) };
  }

  setVariables(req: SetVariablesRequest): SetVariablesResponse {
    const results = req.setVariableData.map((d) => this.set(d));
    return { setVariableResult: results as SetVariablesResponse['setVariableResult'] };
  }

  set(d: SetVariableDataType): SetVariableResultType {
    const attributeType = d.attributeType ?? 'Actual';
    const base = { component: d.component, variable: d.variable, attributeType };
    const e = this.find(d.component, d.variable);
    if (typeof e === 'string') return { ...base, attributeStatus: e };
    const attr = e.def.attributes.find((a) => a.type === attributeType);
    if (!attr) return { ...base, attributeStatus: 'NotSupportedAttributeType' };
    const reject = (reasonCode: string, additionalInfo?: string): SetVariableResultType => ({
      ...base,
      attributeStatus: 'Rejected',
      attributeStatusInfo: { reasonCode, ...(additionalInfo ? { additionalInfo } : {}) },
    });
    if (attr.mutability === 'ReadOnly') return reject('ReadOnly');
    const size = this.configurationValueSize();
    if (lengthOf(d.attributeValue) > size) return reject('TooLargeElement', `longer than ${size} characters (DeviceDataCtrlr.ConfigurationValueSize)`);
    const problem = checkValue(e.def, d.attributeValue, this.boundsFor(e, attributeType));
    if (problem) return reject(problem.reasonCode, problem.info);
    const ref = refOf(e);
    for (const veto of this.vetoes) {
      const why = veto(ref, attributeType, d.attributeValue);
      if (why) return reject('InvalidValue', why);
    }
    const key = keyOf(ref, attributeType);
    if (attr.persistent && this.persist) {
      try {
        this.persist(key, d.attributeValue);
      } catch {
        return reject('InternalError', 'the value could not be stored');
      }
    }
    e.values.set(attributeType, d.attributeValue);
    for (const l of this.listeners) l(ref, attributeType, d.attributeValue);
    if (e.def.rebootRequired) {
      this.pendingReboot.add(key);
      return { ...base, attributeStatus: 'RebootRequired' };
    }
    return { ...base, attributeStatus: 'Accepted' };
  }

  /** A Target may not leave [MinSet, MaxSet]; MinSet may not exceed MaxSet and vice versa (part 1 §4.3). */
  private boundsFor(e: Entry, attribute: AttributeEnumType): { min?: number; max?: number } {
    const num = (t: AttributeEnumType) => {
      const v = e.values.get(t);
      return v === undefined || v === '' ? undefined : Number(v);
    };
    const min = num('MinSet');
    const max = num('MaxSet');
    if (attribute === 'Target') return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    if (attribute === 'MinSet' && max !== undefined) return { max };
    if (attribute === 'MaxSet' && min !== undefined) return { min };
    return {};
  }

  /** One ReportDataType for NotifyReport: all attributes (WriteOnly values left out, errata B07/B08.FR.03). */
  reportData(e: Entry): ReportDataType {
    const size = this.reportingValueSize();
    const attribute = e.def.attributes.map((a: AttributeDefinition): VariableAttributeType => ({
      type: a.type,
      ...(a.mutability === 'WriteOnly' ? {} : { value: truncate(this.current(e, a.type), size) }),
      mutability: a.mutability,
      persistent: a.persistent,
      constant: a.constant,
    }));
    return {
      component: {
        name: e.component.name,
        ...(e.evseId !== undefined ? { evse: { id: e.evseId, ...(e.connectorId !== undefined ? { connectorId: e.connectorId } : {}) } } : {}),
      },
      variable: { name: e.def.name, ...(e.def.instance ? { instance: e.def.instance } : {}) },
      variableAttribute: attribute as ReportDataType['variableAttribute'],
      variableCharacteristics: this.characteristics(e),
    };
  }

  private characteristics(e: Entry): VariableCharacteristicsType {
    const d = e.def;
    return {
      ...(d.unit !== undefined ? { unit: d.unit } : {}),
      dataType: d.dataType,
      ...(d.minLimit !== undefined ? { minLimit: d.minLimit } : {}),
      ...(d.maxLimit !== undefined ? { maxLimit: d.maxLimit } : {}),
      ...(d.valuesList !== undefined ? { valuesList: truncateList(d.valuesList, this.configurationValueSize()) } : {}),
      supportsMonitoring: false,
    };
  }
}

/** Cut a CSV list at the last whole item that fits, so a truncated valuesList never names a half value. */
function truncateList(list: string, max: number): string {
  if (lengthOf(list) <= max) return list;
  const cut = truncate(list, max);
  const comma = cut.lastIndexOf(',');
  return comma > 0 ? cut.slice(0, comma) : cut;
}
