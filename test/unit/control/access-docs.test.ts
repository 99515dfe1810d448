/**
 * The method list (`chargerctl call --list`) tells a technician whether a method changes state; the access list
 * decides who may call it. They must say the same, or the list would promise a reader what the agent refuses.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READ_ONLY_METHODS, isReadOnlyMethod } from '../../../agent/control/access.js';
import { METHOD_DOCS } from '../../../agent/control/method-docs.js';

test('every documented method is read-only on the access list exactly when its line says it changes nothing', () => {
  const disagree = Object.entries(METHOD_DOCS)
    .filter(([method, doc]) => doc.changesState === isReadOnlyMethod(method))
    .map(([method, doc]) => `${method}: documented changesState=${doc.changesState}, access list read-only=${isReadOnlyMethod(method)}`);
  assert.deepEqual(disagree, []);
});

test('every read-only method is documented', () => {
  assert.deepEqual([...READ_ONLY_METHODS].filter((m) => !(m in METHOD_DOCS)), []);
});
