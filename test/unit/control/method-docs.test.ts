import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS } from '../../../agent/cli/commands.js';
import { METHOD_DOCS, listMethods, withDoc } from '../../../agent/control/method-docs.js';

test('listMethods: sorted; the handler\'s own doc, else the table, else undocumented', () => {
  const served = {
    status: () => null,
    'zz.own': withDoc(() => null, { summary: 'documented where written', changesState: true }),
    'aa.nobody': () => null,
  };
  assert.deepEqual(listMethods(served), [
    { method: 'aa.nobody', summary: '(undocumented)', changesState: null },
    { method: 'status', summary: METHOD_DOCS.status!.summary, changesState: false },
    { method: 'zz.own', summary: 'documented where written', changesState: true },
  ]);
});

test('every method a chargerctl command calls has a line', () => {
  for (const c of COMMANDS) {
    if (c.method.startsWith('(') || c.method.startsWith('<')) continue;
    assert.ok(METHOD_DOCS[c.method], `${c.method} (chargerctl ${c.path.join(' ')}) is in METHOD_DOCS`);
  }
});
