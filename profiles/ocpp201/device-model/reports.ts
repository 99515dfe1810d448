/**
 * GetBaseReport (B07) and GetReport (B08): which component variables a report holds, and the NotifyReportRequest
 * parts that carry them, split so that no part has more than DeviceDataCtrlr.ItemsPerMessage[GetReport] entries
 * nor more than BytesPerMessage[GetReport] bytes as a CALL frame. Sending the parts (and waiting for each
 * NotifyReportResponse) is the profile's job; this only computes them.
 */
import type { GetBaseReportRequest, GetBaseReportResponse } from '../generated/GetBaseReport.js';
import type { ComponentCriterionEnumType, ComponentVariableType, GetReportRequest, GetReportResponse } from '../generated/GetReport.js';
import type { NotifyReportRequest, ReportDataType } from '../generated/NotifyReport.js';
import type { DeviceModel, Entry } from './device-model.js';

export interface ReportResult<R> {
  response: R;
  /** The NotifyReportRequest payloads to send in order (empty unless the response is Accepted). */
  parts: NotifyReportRequest[];
}

// `[2,"<36-char message id>","NotifyReport",` plus the closing bracket: what a CALL frame adds to the payload.
const FRAME_OVERHEAD = 60;

const eq = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Components whose state SummaryInventory reports when true (B07.FR.09). */
const ABNORMAL = ['Problem', 'Tripped', 'Overload', 'Fallback'];

export function baseReport(model: DeviceModel, req: GetBaseReportRequest, generatedAt: string): ReportResult<GetBaseReportResponse> {
  const all = model.entries();
  let selected: readonly Entry[];
  switch (req.reportBase) {
    case 'ConfigurationInventory':
      // B07.FR.07: every component variable the operator can set.
      selected = all.filter((e) => e.def.attributes.some((a) => a.mutability !== 'ReadOnly'));
      break;
    case 'FullInventory':
      selected = all;
      break;
    case 'SummaryInventory':
      selected = summary(model, all);
      break;
    default:
      return { response: { status: 'NotSupported' }, parts: [] };
  }
  return { response: { status: 'Accepted' }, parts: split(model, req.requestId, generatedAt, selected.map((e) => model.reportData(e))) };
}

function summary(model: DeviceModel, all: readonly Entry[]): Entry[] {
  const value = (e: Entry) => model.value({ component: e.component.name, evseId: e.evseId, connectorId: e.connectorId, variable: e.def.name, instance: e.def.instance });
  const evseState = new Map<number, string | undefined>();
  for (const e of all) if (e.component.name === 'EVSE' && e.def.name === 'AvailabilityState') evseState.set(e.evseId!, value(e));
  const abnormal = new Set<string>();
  for (const e of all) {
    if (ABNORMAL.includes(e.def.name) && value(e) === 'true') abnormal.add(componentKey(e));
  }
  return all.filter((e) => {
    if (e.def.name === 'AvailabilityState') {
      if (e.component.name === 'ChargingStation' || e.component.name === 'EVSE') return true;
      // A connector's state only when it says more than its EVSE's.
      if (e.component.name === 'Connector') return value(e) !== evseState.get(e.evseId!);
    }
    return abnormal.has(componentKey(e)) && (ABNORMAL.includes(e.def.name) || e.def.name === 'Active');
  });
}

function componentKey(e: Entry): string {
  return `${e.component.name}@${e.evseId ?? ''}/${e.connectorId ?? ''}`;
}

export function customReport(model: DeviceModel, req: GetReportRequest, generatedAt: string): ReportResult<GetReportResponse> {
  const all = model.entries();
  let selected = all.filter((e) => matchesVariables(e, req.componentVariable));
  if (req.componentCriteria?.length) {
    const byComponent = new Map<string, Entry[]>();
    for (const e of all) {
      const k = componentKey(e);
      byComponent.set(k, [...(byComponent.get(k) ?? []), e]);
    }
    selected = selected.filter((e) => meetsCriteria(model, byComponent.get(componentKey(e))!, req.componentCriteria!));
  }
  if (!selected.length) return { response: { status: 'EmptyResultSet' }, parts: [] };
  return { response: { status: 'Accepted' }, parts: split(model, req.requestId, generatedAt, selected.map((e) => model.reportData(e))) };
}

/** B08.FR.07-10 and FR.13: a component qualifies when it meets at least one criterion. */
function meetsCriteria(model: DeviceModel, vars: readonly Entry[], criteria: readonly ComponentCriterionEnumType[]): boolean {
  const flag = (name: string): string | undefined => {
    const e = vars.find((v) => v.def.name === name && !v.def.instance);
    return e ? model.value({ component: e.component.name, evseId: e.evseId, connectorId: e.connectorId, variable: name }) : undefined;
  };
  return criteria.some((c) => {
    const v = flag(c);
    // Active, Available, Enabled: true or absent; Problem: only when true.
    return c === 'Problem' ? v === 'true' : v === undefined || v === 'true';
  });
}

/** B08.FR.11, FR.20-25: a component variable filter; absent fields match every instance, EVSE and connector. */
function matchesVariables(e: Entry, filters: readonly ComponentVariableType[] | undefined): boolean {
  if (!filters?.length) return true;
  return filters.some(({ component: c, variable: v }) => {
    if (!eq(c.name, e.component.name)) return false;
    if (c.instance !== undefined && c.instance !== '') return false; // chargerd's components have no instances
    if (c.evse !== undefined) {
      if (c.evse.id !== e.evseId) return false;
      if (c.evse.connectorId !== undefined && c.evse.connectorId !== e.connectorId) return false;
    }
    if (v === undefined) return true;
    if (!eq(v.name, e.def.name)) return false;
    return v.instance === undefined || eq(v.instance, e.def.instance);
  });
}

/** NotifyReportRequest parts: seqNo from 0, tbc on every part but the last (B07.FR.10, B08.FR.14). */
export function split(model: DeviceModel, requestId: number, generatedAt: string, data: readonly ReportDataType[]): NotifyReportRequest[] {
  const maxItems = Math.max(1, model.itemsPerMessage('GetReport') ?? Number.MAX_SAFE_INTEGER);
  const maxBytes = model.bytesPerMessage('GetReport');
  const parts: ReportDataType[][] = [];
  let cur: ReportDataType[] = [];
  // Frame size of a part, counted incrementally: envelope + each entry + the commas between them.
  const envelope = (seqNo: number) => Buffer.byteLength(JSON.stringify({ requestId, generatedAt, tbc: true, seqNo, reportData: [] })) + FRAME_OVERHEAD;
  let bytes = envelope(0);
  for (const d of data) {
    const size = Buffer.byteLength(JSON.stringify(d)) + (cur.length ? 1 : 0);
    // A single entry larger than the limit still goes out alone: dropping it would hide a variable.
    if (cur.length && (cur.length + 1 > maxItems || (maxBytes !== undefined && bytes + size > maxBytes))) {
      parts.push(cur);
      cur = [d];
      bytes = envelope(parts.length) + size - 1;
    } else {
      cur.push(d);
      bytes += size;
    }
  }
  if (cur.length) parts.push(cur);
  return parts.map((reportData, seqNo) => ({
    requestId,
    generatedAt,
    seqNo,
    ...(seqNo < parts.length - 1 ? { tbc: true } : {}),
    reportData: reportData as NotifyReportRequest['reportData'] & object,
  }));
}
