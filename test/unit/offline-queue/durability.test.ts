import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore, untypedToken as u } from '../../../offline-queue/index.js';
import { at, tempDir } from './helpers.js';

const tmp = tempDir('chargerd-durability-');
after(() => tmp.cleanup());

describe('SQLite store durability', () => {
  test('everything written is there after close and reopen of the same file', () => {
    const file = tmp.file();
    const a = openSqliteStore(file);
    assert.equal(a.info.journalMode, 'wal');
    assert.equal(a.info.synchronous, 'FULL');
    a.journal.open({ localId: 'L1', evseId: 1, idTag: 'T', startedAt: at(0), meterStartWh: 10, extra: { r: 1 } }, { action: 'StartTransaction', payload: { s: 1 } });
    a.journal.open({ localId: 'L2', evseId: 2, idTag: 'T', startedAt: at(1), meterStartWh: 20, extra: {} }, { action: 'StartTransaction', payload: { s: 2 } });
    a.journal.setCsmsId('L1', '501', 'Accepted');
    a.journal.updateMeter('L1', 15, at(5));
    a.journal.close('L2', { stoppedAt: at(9), meterStopWh: 30, reason: 'EVDisconnected', stopIdTag: null }, { action: 'StopTransaction', payload: { s: 3 } });
    for (let i = 0; i < 4; i++) a.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: { i }, txLocalId: 'L1', createdAt: at(10 + i) });
    const dead = a.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: { dead: true }, txLocalId: null, createdAt: at(20) });
    a.queue.deadLetter(dead.seq, 'rejected', at(21));
    a.queue.enforceCap(5);
    a.settings.set('HeartbeatInterval', '120');
    a.localList.replace(9, [{ token: u('LIST1'), info: { status: 'Accepted' } }]);
    a.authCache.put(u('CACHE1'), { status: 'Blocked' }, at(30));
    const snapshot = {
      queue: a.queue.list(),
      stats: a.queue.stats(),
      dead: a.queue.deadLetters(),
      journal: a.journal.list(),
      settings: a.settings.getAll(),
      list: a.localList.list(),
      version: a.localList.version(),
      cache: a.authCache.get(u('CACHE1')),
    };
    assert.ok(snapshot.stats.thinned > 0, 'the cap removed something, so the counter is checked too');
    a.close();

    const b = openSqliteStore(file);
    assert.deepEqual(
      {
        queue: b.queue.list(),
        stats: b.queue.stats(),
        dead: b.queue.deadLetters(),
        journal: b.journal.list(),
        settings: b.settings.getAll(),
        list: b.localList.list(),
        version: b.localList.version(),
        cache: b.authCache.get(u('CACHE1')),
      },
      snapshot,
    );
    assert.deepEqual(b.journal.unfinished().map((r) => r.localId), ['L1']);
    assert.equal(b.journal.byCsmsId('501')?.localId, 'L1');
    b.close();
  });

  test('seqs keep increasing across a reopen, even when the queue was emptied', () => {
    const file = tmp.file();
    const a = openSqliteStore(file, { synchronous: 'NORMAL' });
    assert.equal(a.info.synchronous, 'NORMAL');
    let last = 0;
    for (let i = 0; i < 3; i++) last = a.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(i) }).seq;
    for (const m of a.queue.list()) a.queue.remove(m.seq);
    a.close();
    const b = openSqliteStore(file);
    assert.ok(b.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(9) }).seq > last);
    b.close();
  });

  for (const killAfter of [40, 150]) {
    test(`a writer killed with SIGKILL after ${killAfter} transactions leaves a consistent database`, async () => {
      const file = tmp.file();
      const child = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/kill-writer.js', import.meta.url)), file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let closes = 0;
      let killed = false;
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        closes += (d.match(/^C /gm) ?? []).length;
        if (!killed && closes >= killAfter) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('close', (c, s) => resolve({ code: c, signal: s })),
      );
      assert.equal(signal, 'SIGKILL', `the writer must die by the kill, not exit (code ${code}): ${err}`);

      const reported = out.split('\n').filter((l) => /^[OMC] \d+( \d+)?$/.test(l));
      const opened = new Set<number>();
      const closed = new Set<number>();
      const meterSeq = new Map<number, number>();
      for (const line of reported) {
        const [k, i, seq] = line.split(' ');
        if (k === 'O') opened.add(Number(i));
        if (k === 'C') closed.add(Number(i));
        if (k === 'M') meterSeq.set(Number(i), Number(seq));
      }
      assert.ok(closed.size >= killAfter);

      const raw = new Database(file, { readonly: true });
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
      raw.close();

      const store = openSqliteStore(file);
      try {
        const msgs = store.queue.list();
        for (let k = 1; k < msgs.length; k++) assert.ok((msgs[k]?.seq ?? 0) > (msgs[k - 1]?.seq ?? 0), 'seqs strictly increase');
        const bySeq = new Map(msgs.map((m) => [m.seq, m]));
        const records = store.journal.list();

        // Every step the writer reported as committed is there.
        for (const i of opened) assert.ok(store.journal.get(`tx-${i}`), `tx-${i} was reported opened`);
        for (const i of closed) assert.equal(store.journal.get(`tx-${i}`)?.stoppedAt !== null, true, `tx-${i} was reported closed`);
        for (const [i, seq] of meterSeq) assert.deepEqual((bySeq.get(seq)?.payload as { i: number } | undefined)?.i, i, `meter seq ${seq}`);

        // At most the one step in flight at the kill may have committed without being reported.
        assert.ok(records.length <= opened.size + 1, `${records.length} records, ${opened.size} reported`);

        // Atomicity: every record has exactly its start message, and a stop message exactly when it is stopped.
        for (const rec of records) {
          const mine = msgs.filter((m) => m.txLocalId === rec.localId);
          const kinds = mine.map((m) => m.kind);
          assert.equal(kinds.filter((k) => k === 'start').length, 1, `${rec.localId}: one start`);
          assert.equal(kinds.filter((k) => k === 'stop').length, rec.stoppedAt === null ? 0 : 1, `${rec.localId}: stop iff stopped`);
          assert.equal(kinds[0], 'start', `${rec.localId}: start first`);
          if (rec.stoppedAt !== null) {
            assert.equal(kinds.at(-1), 'stop', `${rec.localId}: stop last`);
            assert.equal(rec.meterStopWh, rec.meterStartWh + 50);
          }
          for (const m of mine) assert.deepEqual((m.payload as { i: number }).i, Number(rec.localId.slice(3)), 'no torn rows');
        }
        // And no message belongs to a transaction that is not in the journal.
        const ids = new Set(records.map((r) => r.localId));
        for (const m of msgs) assert.ok(m.txLocalId !== null && ids.has(m.txLocalId), `message ${m.seq} has its record`);

        // The database is still writable after the crash.
        const next = store.queue.enqueue({ kind: 'meter', action: 'MeterValues', payload: {}, createdAt: at(0) });
        assert.ok(next.seq > (msgs.at(-1)?.seq ?? 0));
      } finally {
        store.close();
      }
    });
  }
});
