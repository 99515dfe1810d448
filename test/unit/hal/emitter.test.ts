import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../../hal/emitter.js';

type Events = { tick: (n: number) => void; error: (e: Error) => void; other: () => void };

describe('Emitter', () => {
  test('a listener added before a first listener can still be removed', () => {
    const e = new Emitter<Events>();
    const calls: string[] = [];
    const offA = e.on('tick', () => calls.push('A'));
    e.onFirst('tick', () => calls.push('B'));
    offA();
    e.emit('tick', 1);
    assert.deepEqual(calls, ['B']);
    assert.equal(e.listenerCount('tick'), 1);
  });

  test('delivery is synchronous, in subscription order, with onFirst listeners in front', () => {
    const e = new Emitter<Events>();
    const calls: string[] = [];
    e.on('tick', (n) => calls.push(`a${n}`));
    e.on('tick', (n) => calls.push(`b${n}`));
    e.onFirst('tick', (n) => calls.push(`first${n}`));
    e.onFirst('tick', (n) => calls.push(`very-first${n}`));
    e.emit('tick', 7);
    assert.deepEqual(calls, ['very-first7', 'first7', 'a7', 'b7']);
  });

  test('a listener removed during an emit still gets that emit; one added during it does not', () => {
    const e = new Emitter<Events>();
    const calls: string[] = [];
    let offB: () => void = () => undefined;
    e.on('tick', () => {
      calls.push('A');
      offB();
      e.on('tick', () => calls.push('late'));
    });
    offB = e.on('tick', () => calls.push('B'));
    e.emit('tick', 1);
    assert.deepEqual(calls, ['A', 'B']);
  });

  test("an event named 'error' with no listener is a no-op; with one it is delivered like any other", () => {
    const e = new Emitter<Events>();
    e.emit('error', new Error('nobody listens'));
    const seen: string[] = [];
    e.on('error', (err) => seen.push(err.message));
    e.emit('error', new Error('boom'));
    assert.deepEqual(seen, ['boom']);
  });

  test('an event without listeners is a no-op', () => {
    const e = new Emitter<Events>();
    e.emit('other');
    assert.equal(e.listenerCount(), 0);
  });

  test('a throwing listener: the exception propagates out of emit and later listeners do not run', () => {
    const e = new Emitter<Events>();
    const calls: string[] = [];
    e.on('tick', () => calls.push('before'));
    e.on('tick', () => {
      throw new Error('listener failed');
    });
    e.on('tick', () => calls.push('after'));
    assert.throws(() => e.emit('tick', 1), /listener failed/);
    assert.deepEqual(calls, ['before']);
  });

  test('the same function added twice is called twice; each unsubscribe removes its own subscription once', () => {
    const e = new Emitter<Events>();
    let n = 0;
    const fn = (): void => {
      n++;
    };
    const off1 = e.on('other', fn);
    const off2 = e.onFirst('other', fn);
    e.emit('other');
    assert.equal(n, 2);
    off1();
    off1();
    assert.equal(e.listenerCount('other'), 1, 'a second call of the same unsubscribe removes nothing more');
    e.emit('other');
    assert.equal(n, 3);
    off2();
    assert.equal(e.listenerCount('other'), 0);
  });

  test('many listeners raise no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      const e = new Emitter<Events>();
      const offs = Array.from({ length: 50 }, () => e.on('tick', () => undefined));
      assert.equal(e.listenerCount('tick'), 50);
      // Warnings are emitted on the next tick.
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.map((w) => w.name), []);
      for (const off of offs) off();
      assert.equal(e.listenerCount(), 0);
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('listenerCount counts per event and in total', () => {
    const e = new Emitter<Events>();
    e.on('tick', () => undefined);
    e.onFirst('tick', () => undefined);
    const off = e.on('other', () => undefined);
    assert.equal(e.listenerCount('tick'), 2);
    assert.equal(e.listenerCount('error'), 0);
    assert.equal(e.listenerCount(), 3);
    off();
    assert.equal(e.listenerCount(), 2);
  });
});
