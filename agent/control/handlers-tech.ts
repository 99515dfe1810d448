/**
 * What a technician reaches for first: enable / disable an EVSE, reset, versions, the list of methods and what a
 * presented card did. Each goes through the path the CSMS's own request takes (ChangeAvailability, Reset), so
 * chargerctl can never do it differently from OCPP.
 */
import type { ControlContext } from './context.js';
import type { IdTagPresentedEvent } from '../station/id-tag-outcome.js';
import { chargerdVersion } from '../version.js';
import { evseParam } from './evse-param.js';
import { listMethods } from './method-docs.js';
import { ControlError, type ControlParams } from './protocol.js';

/** How long sim.tag waits for the station's decision by default (an Authorize.req may be under way). */
export const TAG_DECISION_WAIT_MS = 4000;
const MAX_TAG_WAIT_MS = 60_000;

type Handler = (params: ControlParams) => unknown | Promise<unknown>;

export function createTechHandlers(ctx: ControlContext, served: () => Readonly<Record<string, unknown>>): Record<string, Handler> {
  const evseIds = () => ctx.station.evses().map((e) => e.id);
  return {
    version: () => ({ chargerd: chargerdVersion(), node: process.versions.node, ocppVersion: ctx.profile.version }),

    methods: () => ({ methods: listMethods(served()) }),

    // The station's ChangeAvailability, as the 1.6 profile and the MQTT bridge's enabled/set call it: persisted,
    // Scheduled while a transaction runs (the EVSE goes Unavailable when it ends).
    'evse.availability': (p) => {
      const n = evseParam(p, { ids: evseIds, station: true });
      if (typeof p.operative !== 'boolean') throw new ControlError('BAD_PARAMS', 'operative must be true or false');
      const status = ctx.station.changeAvailability(n, p.operative);
      const reason = status === 'Rejected' ? 'the station as a whole is inoperative: enable EVSE 0 first' : null;
      return { evse: n, operative: p.operative, status, reason };
    },

    // The profile's Reset path: answered first, then transactions stop (SoftReset / HardReset) and the agent
    // restarts through its ordered shutdown (queue kept, store closed last).
    reset: (p) => {
      const kind = p.kind;
      if (kind !== 'soft' && kind !== 'hard') throw new ControlError('BAD_PARAMS', 'kind must be "soft" or "hard"');
      const ocppKind = kind === 'soft' ? 'Soft' : 'Hard';
      ctx.profile.scheduleReset(ocppKind);
      const running = ctx.station.evses().filter((e) => e.snapshot().transaction !== null).map((e) => e.id);
      return { status: 'Accepted', kind: ocppKind, stopsTransactionsOn: running };
    },

    // A card at the simulated reader goes the real reader's way (the EVSE's tag listener); the EVSE's
    // idTagPresented event carries its decision back.
    'sim.tag': async (p) => {
      if (!ctx.sim) throw new ControlError('NOT_AVAILABLE', 'simulation commands need hal.driver "sim"; this station drives real hardware');
      const idTag = p.idTag;
      if (typeof idTag !== 'string' || idTag === '') throw new ControlError('BAD_PARAMS', 'idTag must be a non-empty string');
      if (idTag.length > 20) throw new ControlError('BAD_PARAMS', 'idTag is at most 20 characters (OCPP 1.6 IdToken)');
      const n = evseParam(p, { ids: evseIds });
      const evse = ctx.station.evse(n)!;
      const waitMs = p.waitMs ?? TAG_DECISION_WAIT_MS;
      if (typeof waitMs !== 'number' || !Number.isInteger(waitMs) || waitMs < 0 || waitMs > MAX_TAG_WAIT_MS) throw new ControlError('BAD_PARAMS', `waitMs must be an integer from 0 to ${MAX_TAG_WAIT_MS}`);
      return new Promise((resolve, reject) => {
        let timer: ReturnType<typeof ctx.clock.setTimeout> | undefined;
        const off = evse.events.on('idTagPresented', (e: IdTagPresentedEvent) => {
          if (e.idTag !== idTag) return;
          done({ evse: n, idTag, result: e.result, reason: e.reason, authorizationStatus: e.authorizationStatus });
        });
        const done = (r: unknown, err?: unknown) => {
          off();
          ctx.clock.clear(timer);
          if (err) reject(err);
          else resolve(r);
        };
        timer = ctx.clock.setTimeout(() => done({ evse: n, idTag, result: 'pending', reason: `no decision within ${waitMs} ms (the station may still be asking the CSMS)`, authorizationStatus: null }), waitMs);
        try {
          ctx.sim!.presentTag(n, idTag);
        } catch (err) {
          done(null, err);
        }
      });
    },
  };
}
