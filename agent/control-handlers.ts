/**
 * The control API's methods (chargerctl talks to these). Each validates its params and answers with plain
 * data; errors carry a stable code from agent/control/protocol.ts.
 */
import type { ControlContext } from './control/context.js';
import { createQueueHandlers } from './control/handlers-queue.js';
import { createAuthHandlers } from './control/handlers-auth.js';
import { createTechHandlers } from './control/handlers-tech.js';
import { createSmartChargingHandlers } from './control/handlers-smart-charging.js';
import { createDataTransferHandlers } from './control/handlers-data-transfer.js';
import type { StopReason } from './station/types.js';
import { ControlError, type ControlParams } from './control/protocol.js';
import { evseParam } from './control/evse-param.js';
import { redactUrl } from './ocpp/handshake.js';
import { SIM_FAULTS, type SimControl, type SimFault } from '../hal/sim/types.js';

type Handler = (params: ControlParams) => unknown | Promise<unknown>;

function stationEvse(ctx: ControlContext, params: ControlParams): number {
  return evseParam(params, { ids: () => ctx.station.evses().map((e) => e.id) });
}

function stringParam(params: ControlParams, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw new ControlError('BAD_PARAMS', `${name} must be a non-empty string`);
  return v;
}

function sim(ctx: ControlContext): SimControl {
  if (!ctx.sim) throw new ControlError('NOT_AVAILABLE', 'simulation commands need hal.driver "sim"; this station drives real hardware');
  return ctx.sim;
}

export function createControlHandlers(ctx: ControlContext): Record<string, Handler> {
  const handlers: Record<string, Handler> = {
    status: () => {
      const q = ctx.store.queue.stats();
      return {
        chargePointId: ctx.config.chargePointId,
        ocppVersion: ctx.profile.version,
        // While connecting, why the last attempt failed, how many failed in a row and when the next one starts.
        // The URL in use: a 2.0.1 network connection profile (B10) may have replaced the config's.
        connection: { state: ctx.rpc.state, url: redactUrl(ctx.rpc.baseUrl), ...ctx.rpc.retryInfo() },
        registration: ctx.profile.registrationStatus(),
        time: ctx.clock.now().toISOString(),
        evses: ctx.station.evses().map((e) => e.snapshot()),
        queue: { depth: q.depth, deadLetters: q.deadLetters, oldestCreatedAt: q.oldestCreatedAt, thinned: q.thinned },
        // Present only in a dry run, so nobody mistakes a desk run for a charger.
        ...(ctx.config.hal.driver === 'linux' && ctx.config.hal.dryRun === true ? { dryRun: 'DRY RUN (hal.dryRun): no hardware is driven' } : {}),
      };
    },
    'config.get': (params) => {
      const key = params.key;
      if (key !== undefined && typeof key !== 'string') throw new ControlError('BAD_PARAMS', 'key must be a string');
      if (key === undefined) return { keys: ctx.profile.keys.keys().map((d) => toRow(ctx, d.key)), unknownKeys: [] };
      return ctx.profile.keys.has(key) ? { keys: [toRow(ctx, key)], unknownKeys: [] } : { keys: [], unknownKeys: [key] };
    },
    'config.set': (params) => {
      const key = stringParam(params, 'key');
      const value = params.value;
      if (typeof value !== 'string') throw new ControlError('BAD_PARAMS', 'value must be a string');
      return ctx.profile.keys.set(key, value);
    },
    // A technician frees a jammed or kept cable on site (OCPP's UnlockConnector, without the CSMS): a running
    // transaction is stopped first (UnlockCommand); a connector-lock fault clears when the lock releases.
    'evse.unlock': async (p) => {
      const evse = ctx.station.evse(stationEvse(ctx, p))!;
      return { evse: evse.id, status: await evse.unlock() };
    },
    // Only the CSMS makes and cancels them; the technician sees why a card is refused at a reserved EVSE.
    reservations: () => ({ time: ctx.clock.now().toISOString(), reservations: ctx.station.reservations.list() }),
    'sim.plug': (p) => {
      sim(ctx).plug(stationEvse(ctx, p));
      return { ok: true };
    },
    'sim.unplug': (p) => {
      sim(ctx).unplug(stationEvse(ctx, p), { keepCable: p.keepCable === true });
      return { ok: true };
    },
    'sim.ev': (p) => {
      const mode = p.mode;
      if (mode !== 'charge' && mode !== 'pause' && mode !== 'ventilate') throw new ControlError('BAD_PARAMS', 'mode must be "charge", "pause" or "ventilate"');
      sim(ctx).setEvCharge(stationEvse(ctx, p), mode !== 'pause', mode === 'ventilate');
      return { ok: true };
    },
    'sim.evLimit': (p) => {
      const a = p.currentA;
      if (typeof a !== 'number' || !Number.isFinite(a) || a < 0) throw new ControlError('BAD_PARAMS', 'currentA must be a number of amperes >= 0');
      sim(ctx).setEvMaxCurrent(stationEvse(ctx, p), a);
      return { ok: true };
    },
    'sim.fault': (p) => {
      const kind = p.kind;
      if (typeof kind !== 'string' || !SIM_FAULTS.includes(kind as SimFault)) throw new ControlError('BAD_PARAMS', `kind must be one of ${SIM_FAULTS.join(', ')}`);
      sim(ctx).injectFault(stationEvse(ctx, p), kind as SimFault);
      return { ok: true };
    },
    'sim.clear': (p) => {
      sim(ctx).clearFaults(stationEvse(ctx, p));
      return { ok: true };
    },
    'sim.state': () => sim(ctx).states(),
    ...createQueueHandlers({
      store: ctx.store,
      clock: ctx.clock,
      chargePointId: ctx.config.chargePointId,
      sender: ctx.profile.sender,
      online: () => ctx.profile.canSend(),
      csmsStopReason: (r) => ctx.profile.csmsStopReason(r as StopReason),
    }),
    ...createAuthHandlers({ store: ctx.store, settings: ctx.profile.settings, clock: ctx.clock, online: () => ctx.profile.canSend(), localList: ctx.profile.localList }),
    ...createTechHandlers(ctx, () => handlers),
    ...createSmartChargingHandlers(ctx.station),
    ...createDataTransferHandlers(ctx),
    ...Object.fromEntries(Object.entries(ctx.extra ?? {}).map(([name, fn]) => [name, (params: ControlParams) => fn(params, ctx)])),
  };
  return handlers;
}

function toRow(ctx: ControlContext, key: string) {
  const v = ctx.profile.keys.get(key)!;
  const def = ctx.profile.keys.keys().find((d) => d.key === v.key)!;
  return { key: v.key, value: v.value, readonly: v.readonly, rebootRequired: def.rebootRequired === true };
}
