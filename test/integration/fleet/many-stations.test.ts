/**
 * Many stations in one process (the fleet mode a CSMS vendor will run): each Agent is an object with its own
 * store, hardware, connection and state; nothing is process-global except what is meant to be shared, the
 * compiled validators. Real agents on the simulated hardware against one strict ocpp-rpc CSMS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent } from '../../../agent/agent.js';
import { createConfigValidator } from '../../../agent/config/load.js';
import { DemoCsms } from '../../../agent/demo/csms.js';
import { silentLogger } from '../../../agent/log.js';
import type { ProtocolModule, ProtocolModules } from '../../../agent/ocpp/protocol-profile.js';
import type { PayloadValidator } from '../../../agent/ocpp/validator.js';
import { PROTOCOLS } from '../../../profiles/index.js';
import type { SimStation } from '../../../hal/sim/sim-station.js';
import { SUITE_TIMEOUT_MS } from '../../support/timeouts.js';

const STATIONS = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function until(what: string, pred: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`${STATIONS} stations in one process`, { timeout: SUITE_TIMEOUT_MS }, () => {
  const csms = new DemoCsms();
  const dirs: string[] = [];
  const agents: Agent[] = [];
  const handed: PayloadValidator[] = [];
  let heapPerStationMb = 0;
  const processListeners = () => ['SIGINT', 'SIGTERM', 'exit', 'uncaughtException'].map((e) => process.listenerCount(e));
  let listenersBefore: number[] = [];

  before(async () => {
    const url = await csms.start();
    // The agent asks the module for its validator once per station; every answer must be the same object.
    const real = PROTOCOLS['1.6']!;
    const counting: ProtocolModule = { ...real, validator: () => { const v = real.validator(); handed.push(v); return v; } };
    const protocols: ProtocolModules = { '1.6': counting };
    const validate = createConfigValidator();
    const make = (i: number) => {
      const dataDir = mkdtempSync(join(tmpdir(), `chargerd-fleet-${i}-`));
      dirs.push(dataDir);
      const config = validate({
        chargePointId: `FLEET-${String(i).padStart(3, '0')}`,
        ocpp: { csmsUrl: url, reconnectMinS: 0.2 },
        dataDir,
        controlSocket: join(dataDir, 'control.sock'),
        hal: { driver: 'sim', sim: { evReactionMs: 50, cableLingerMs: 50 } },
        evses: [{ id: 1 }, { id: 2 }],
      });
      return new Agent({ config, protocols, log: silentLogger(), control: false });
    };
    // The first station pays for what is shared (validators, modules); the rest is what each one costs.
    const first = make(0);
    await first.start();
    agents.push(first);
    // pino's one exit hook (on-exit-leak-free, shared by every logger) comes with the first; none may come per station.
    listenersBefore = processListeners();
    const heap0 = heapMb();
    for (let i = 1; i < STATIONS; i++) {
      const a = make(i);
      await a.start();
      agents.push(a);
    }
    await until('every station Accepted', () => agents.every((a) => a.parts.profile?.registrationStatus() === 'Accepted'));
    // Accepted is not the end of the boot: each station then reports its connectors 0..2. The isolation test
    // below counts every call a station makes after its mark, so the last stations' boot reports must be in.
    await until('every station reported connectors 0, 1 and 2', () => {
      const reported = new Set(csms.received('StatusNotification').map((s) => `${s.identity}/${(s.payload as { connectorId: number }).connectorId}`));
      return agents.every((_, i) => [0, 1, 2].every((c) => reported.has(`FLEET-${String(i).padStart(3, '0')}/${c}`)));
    });
    heapPerStationMb = (heapMb() - heap0) / (STATIONS - 1);
  });

  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await csms.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('every station booted once under its own identity', () => {
    const boots = csms.received('BootNotification');
    const ids = boots.map((b) => b.identity).sort();
    assert.equal(ids.length, STATIONS);
    assert.equal(new Set(ids).size, STATIONS);
    assert.deepEqual(csms.validationFailures, []);
  });

  test('one compiled validator serves them all', () => {
    assert.equal(handed.length, STATIONS, 'asked once per station');
    for (const v of handed) assert.equal(v, handed[0]);
  });

  test(`each further station costs little heap (measured: printed below; bound 2 MB)`, () => {
    console.log(`# heap per further station: ${heapPerStationMb.toFixed(2)} MB`);
    assert.ok(heapPerStationMb < 2, `${heapPerStationMb.toFixed(2)} MB per station`);
  });

  test("a session on one station is that station's alone", async () => {
    const target = agents[7]!;
    const id = 'FLEET-007';
    const sim = target.parts.sim as SimStation;
    const m = csms.records.length;
    sim.plug(2);
    sim.presentTag(2, 'FLEET-CARD');
    const start = await csms.waitFor('StartTransaction', (p) => p.idTag === 'FLEET-CARD', 10_000, m);
    assert.equal(start.identity, id);
    assert.equal((start.payload as { connectorId: number }).connectorId, 2);
    await until('EVSE 2 charging', () => target.parts.station!.evse(2)!.snapshot().status === 'Charging');
    for (const a of agents) {
      if (a === target) continue;
      for (const e of a.parts.station!.evses()) assert.equal(e.snapshot().transaction, null);
    }
    const others = csms.records.slice(m).filter((r) => r.dir === 'in' && r.kind === 'call' && r.identity !== id && r.action !== 'Heartbeat');
    assert.deepEqual(others.map((r) => `${r.identity} ${r.action}`), []);
    sim.presentTag(2, 'FLEET-CARD');
    const stop = await csms.waitFor('StopTransaction', () => true, 10_000, m);
    assert.equal(stop.identity, id);
    sim.unplug(2);
  });

  test('the further stations added no signal or exit listener to the process', () => {
    assert.deepEqual(processListeners(), listenersBefore);
  });

  test('stopping one station leaves the others connected', async () => {
    const gone = agents.pop()!;
    await gone.stop();
    await until('the others still Accepted', () => agents.every((a) => a.parts.profile?.registrationStatus() === 'Accepted'));
    assert.ok(agents.every((a) => a.parts.profile!.canSend()));
    agents.push(gone); // stop() again in after() is a no-op
  });
});
