/** One CSMS and one chargerd process per test file, with cleanup; small helpers shared by the core tests. */
import { DemoCsms, type DemoCsmsOptions } from '../../../agent/demo/csms.js';
import { StationProcess, type StationOptions } from '../../support/station-process.js';

export interface Rig {
  csms: DemoCsms;
  st: StationProcess;
  id: string;
  /** Index into csms.records: only look at what happened after this. */
  mark(): number;
  close(): Promise<void>;
}

export async function rig(id: string, station: Omit<StationOptions, 'csmsUrl' | 'id'> = {}, csmsOpts: DemoCsmsOptions = {}): Promise<Rig> {
  const csms = new DemoCsms(csmsOpts);
  const url = await csms.start();
  const st = new StationProcess({ ...station, csmsUrl: url, id }).start();
  await st.ready();
  await csms.waitFor('StatusNotification', (p) => p.connectorId === (station.evses?.length ?? 2));
  const r: Rig = {
    csms,
    st,
    id,
    mark: () => csms.records.length,
    // r.st, not st: a test may replace the process (restart on the same data directory).
    close: async () => {
      await r.st.stop();
      await csms.stop();
      r.st.cleanup();
    },
  };
  return r;
}

/** Status notifications of one connector after `from`, in order. */
export function statuses(r: Rig, connectorId: number, from = 0): string[] {
  return r.csms.records
    .slice(from)
    .filter((x) => x.dir === 'in' && x.kind === 'call' && x.action === 'StatusNotification' && (x.payload as any).connectorId === connectorId)
    .map((x) => (x.payload as any).status);
}
