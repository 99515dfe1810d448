/**
 * Hostile frames from the CSMS, thousands of them, generated from a seed: random JSON, CALL-shaped arrays with
 * broken ids, actions and payloads, CALLRESULTs and CALLERRORs for nothing, text that is not JSON, binary frames.
 * For both dialects, against a real RpcConnection over a real WebSocket: nothing throws, the connection stays
 * open, every CALL with a usable id gets exactly one answer with that id, every CALLERROR code is one the
 * dialect defines (1.6 keeps its misspellings, 2.0.1 its own names), descriptions fit 2.0.1's 255 characters,
 * and afterwards an ordinary CALL is still answered. The seed is printed when a case fails; CHARGERD_FUZZ_SEED
 * replays it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../agent/clock/fake-clock.js';
import { OcppCallError, type OcppDialect } from '../../../agent/ocpp/errors.js';
import { RpcConnection } from '../../../agent/ocpp/rpc-connection.js';
import type { PayloadValidator } from '../../../agent/ocpp/validator.js';
import { ACTIONS as ACTIONS16 } from '../../../profiles/ocpp16/generated/index.js';
import { createOcpp16Validator } from '../../../profiles/ocpp16/validator.js';
import { ACTIONS as ACTIONS201 } from '../../../profiles/ocpp201/generated/index.js';
import { createOcpp201Validator } from '../../../profiles/ocpp201/validator.js';
import { captureLog, startPeer, until } from './ws-peer.js';
import { frameGenerator, prng } from '../../support/fuzz-frames.js';

const FRAMES = 1500;
const SEED = Number(process.env.CHARGERD_FUZZ_SEED ?? 20261202);

const CODES: Record<OcppDialect, readonly string[]> = {
  // OCPP-J 1.6 §4.2.3, with the spellings its errata keep.
  'ocpp1.6': ['NotImplemented', 'NotSupported', 'InternalError', 'ProtocolError', 'SecurityError', 'FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'GenericError'],
  // OCPP 2.0.1 part 4 §4.3.
  'ocpp2.0.1': ['FormatViolation', 'GenericError', 'InternalError', 'MessageTypeNotSupported', 'NotImplemented', 'NotSupported', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation', 'ProtocolError', 'RpcFrameworkError', 'SecurityError', 'TypeConstraintViolation'],
};

for (const [dialect, validator, actions] of [
  ['ocpp1.6', createOcpp16Validator(), ACTIONS16],
  ['ocpp2.0.1', createOcpp201Validator(), ACTIONS201],
] as [OcppDialect, PayloadValidator, readonly string[]][]) {
  describe(`fuzzed inbound frames, ${dialect}`, () => {
    test(`${FRAMES} hostile frames (seed ${SEED}): one answer per usable id, only ${dialect} codes, the connection holds`, async () => {
      const peer = await startPeer({ handleProtocols: (p: Set<string>) => (p.has(dialect) ? dialect : false) });
      const cap = captureLog();
      const conn = new RpcConnection({
        baseUrl: peer.url,
        identity: 'CP-FUZZ',
        subprotocol: dialect,
        dialect,
        validator,
        clock: new FakeClock(),
        log: cap.log,
        callTimeoutMs: 30_000,
        pingIntervalS: 0,
        backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
        random: () => 0,
      });
      // A station answers what it supports; for the rest a handler refuses, as the profiles do.
      conn.setInboundHandler(async (action) => {
        if (action === 'ClearCache') return { status: 'Accepted' };
        throw new OcppCallError('NotSupported', `${action} is not supported here`);
      });
      let closes = 0;
      conn.events.on('close', () => closes++);
      conn.start();
      const sock = await peer.nextSocket();
      await until(() => conn.state === 'open', 'open');
      const next = frameGenerator(prng(SEED), actions);
      const expected = new Set<string>();
      try {
        for (let i = 0; i < FRAMES; i++) {
          const f = next(i);
          if (f.id) expected.add(f.id);
          sock.send(f.text);
        }
        sock.send([2, 'after-the-storm', 'ClearCache', {}]);
        await until(() => sock.all.some((m) => m.includes('"after-the-storm"')), 'the ordinary CALL answered', 30_000);
        await until(() => sock.all.length >= expected.size + 1, `answers to ${expected.size} usable ids`, 10_000).catch(() => undefined);

        const seen = new Map<string, number>();
        for (const m of sock.all) {
          const r = JSON.parse(m) as unknown[];
          assert.ok(r[0] === 3 || r[0] === 4, `only CALLRESULT or CALLERROR, got ${m.slice(0, 120)}`);
          const id = r[1] as string;
          seen.set(id, (seen.get(id) ?? 0) + 1);
          if (r[0] === 4) {
            assert.equal(r.length, 5, m.slice(0, 200));
            assert.ok(CODES[dialect].includes(r[2] as string), `${dialect} code, got ${String(r[2])} (seed ${SEED})`);
            assert.ok(typeof r[3] === 'string' && r[3].length <= 255, 'description a string within 255 characters');
            assert.ok(typeof r[4] === 'object' && r[4] !== null && !Array.isArray(r[4]), 'errorDetails an object');
          }
        }
        const codes = new Map<string, number>();
        for (const m of sock.all) { const r = JSON.parse(m) as unknown[]; const k = r[0] === 3 ? "result" : String(r[2]); codes.set(k, (codes.get(k) ?? 0) + 1); }
        console.log(`# ${dialect}: ${sock.all.length} answers to ${FRAMES} frames; ${[...codes].map(([k, n]) => `${k} ${n}`).join(", ")}`);
        for (const id of expected) assert.equal(seen.get(id), 1, `exactly one answer to ${id} (seed ${SEED})`);
        assert.equal(seen.get('after-the-storm'), 1);
        const last = JSON.parse(sock.all.find((m) => m.includes('"after-the-storm"'))!) as unknown[];
        assert.deepEqual(last, [3, 'after-the-storm', { status: 'Accepted' }]);
        assert.equal(closes, 0, 'the connection was never closed');
        assert.equal(conn.state, 'open');
      } finally {
        await conn.stop();
        await peer.close();
      }
    });
  });
}
