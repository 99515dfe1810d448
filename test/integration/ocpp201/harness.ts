/**
 * One strict 2.0.1 CSMS (ocpp-rpc, protocol ocpp2.0.1) and one chargerd process configured for 2.0.1 per test
 * file, with the helpers the 2.0.1 tests share. The core harness's assertValidFrames / callErrorCode apply as is.
 */
import { DemoCsms, type CsmsProtocol, type DemoCsmsOptions } from '../../../agent/demo/csms.js';
import { StationProcess, type StationOptions } from '../../support/station-process.js';
import type { Rig, RigStation } from '../core/harness.js';

export interface Rig201Options {
  /** `ocpp.version` in the station's config (default '2.0.1'). */
  version?: '2.0.1' | 'auto' | '1.6';
  /** Initial device-model values (config `ocppKeys`, by device-model key). */
  ocppKeys?: Record<string, string | number | boolean>;
  /** What start-up waits for: every connector's StatusNotification (default, needs Accepted) or only the boot. */
  until?: 'statuses' | 'boot';
  station?: RigStation;
  csms?: DemoCsmsOptions & { protocol?: CsmsProtocol };
}

export function stationOptions(url: string, id: string, o: Rig201Options, dataDir?: string): StationOptions {
  const station = o.station ?? {};
  return {
    ...station,
    csmsUrl: url,
    id,
    ...(dataDir ? { dataDir } : {}),
    extra: {
      ...(station.extra ?? {}),
      ocpp: { version: o.version ?? '2.0.1', csmsUrl: url, reconnectMinS: 0.2, reconnectMaxS: 1, callTimeoutS: 5 },
      ocppKeys: o.ocppKeys ?? {},
    },
  };
}

export async function rig201(id: string, o: Rig201Options = {}, beforeStart?: (csms: DemoCsms) => void): Promise<Rig> {
  const csms = new DemoCsms({ protocol: 'ocpp2.0.1', ...(o.csms ?? {}) });
  beforeStart?.(csms);
  const url = await csms.start();
  const station = stationOptions(url, id, o);
  const st = new StationProcess(station).start();
  await st.ready();
  const evses = o.station?.evses?.length ?? 2;
  if ((o.until ?? 'statuses') === 'statuses') await csms.waitFor('StatusNotification', (p) => p.evseId === evses);
  else await csms.waitFor('BootNotification');
  const r: Rig = {
    csms,
    st,
    id,
    station,
    mark: () => csms.records.length,
    call: (action, params = {}) => csms.call(id, action, params),
    close: async () => {
      await r.st.stop();
      await csms.stop();
      r.st.cleanup();
    },
  };
  return r;
}

/** Start chargerd again on the rig's data directory with the rig's own options. */
export async function relaunch201(r: Rig): Promise<StationProcess> {
  // rig201 keeps the whole StationOptions (URL and id included) as the rig's station.
  r.st = new StationProcess({ ...(r.station as StationOptions), dataDir: r.st.dataDir }).start();
  await r.st.ready();
  return r.st;
}

/** The CALLRESULT payloads of CSMS-initiated calls after `from` (what the station answered), of one action. */
export function answers(r: Rig, action: string, from = 0): any[] {
  return r.csms.records.slice(from).filter((x) => x.dir === 'out' && x.kind === 'result' && x.action === action).map((x) => x.payload);
}

/** The charge point's calls of `action` after `from`, payloads in order. */
export function sent(r: Rig, action: string, from = 0): any[] {
  return r.csms.records.slice(from).filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === action).map((x) => x.payload);
}

export const component = (name: string, evse?: { id: number; connectorId?: number }) => ({ name, ...(evse ? { evse } : {}) });
export const variable = (name: string, instance?: string) => ({ name, ...(instance ? { instance } : {}) });

/**
 * A CALL the CSMS's own strict validation would refuse to send, written raw; resolves with the station's reply
 * frame ([3, id, payload] or [4, id, code, description, details]).
 */
export function rawCall(r: Rig, messageId: string, action: string, payload: unknown, timeoutMs = 5000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      r.csms.off('raw', onRaw);
      reject(new Error(`no reply to raw ${action} ${messageId} within ${timeoutMs} ms`));
    }, timeoutMs);
    function onRaw(cp: string, dir: string, text: string) {
      if (cp !== r.id || dir !== 'in') return;
      const f = JSON.parse(text) as unknown[];
      if ((f[0] === 3 || f[0] === 4) && f[1] === messageId) {
        clearTimeout(timer);
        r.csms.off('raw', onRaw);
        resolve(f);
      }
    }
    r.csms.on('raw', onRaw);
    r.csms.sendRaw(r.id, JSON.stringify([2, messageId, action, payload]));
  });
}
