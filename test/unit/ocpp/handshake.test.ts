import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RpcConfigError } from '../../../agent/ocpp/errors.js';
import { basicAuthHeader, connectionUrl, redactUrl } from '../../../agent/ocpp/handshake.js';

describe('connectionUrl (OCPP-J 1.6 §3.1.1)', () => {
  test('the spec examples', () => {
    assert.equal(connectionUrl('ws://centralsystem.example.com/ocpp', 'CP001'), 'ws://centralsystem.example.com/ocpp/CP001');
    assert.equal(connectionUrl('wss://centralsystem.example.com/ocppj', 'RDAM 123'), 'wss://centralsystem.example.com/ocppj/RDAM%20123');
  });

  test('no double slash, query kept at the end, reserved characters encoded', () => {
    assert.equal(connectionUrl('ws://h/ocpp/', 'CP1'), 'ws://h/ocpp/CP1');
    assert.equal(connectionUrl('ws://h//', 'CP1'), 'ws://h/CP1');
    assert.equal(connectionUrl('ws://h', 'CP1'), 'ws://h/CP1');
    assert.equal(connectionUrl('ws://h:9000/ocpp?tenant=a', 'CP1'), 'ws://h:9000/ocpp/CP1?tenant=a');
    assert.equal(connectionUrl('ws://h/ocpp', 'a/b?c#d%'), 'ws://h/ocpp/a%2Fb%3Fc%23d%25');
  });

  test('unusable endpoints are configuration errors', () => {
    assert.throws(() => connectionUrl('http://h/ocpp', 'CP1'), RpcConfigError);
    assert.throws(() => connectionUrl('not a url', 'CP1'), RpcConfigError);
    assert.throws(() => connectionUrl('ws://h/ocpp', ''), RpcConfigError);
  });
});

describe('basicAuthHeader (OCPP-J 1.6 §6.2.2)', () => {
  test('the spec example: the 20-byte key is used as raw bytes', () => {
    const key = Buffer.from('0001020304050607FFFFFFFFFFFFFFFFFFFFFFFF', 'hex');
    assert.equal(basicAuthHeader('AL1000', key), 'Basic QUwxMDAwOgABAgMEBQYH////////////////');
  });

  test('a string password is UTF-8', () => {
    assert.equal(basicAuthHeader('CP1', 'pässword'), `Basic ${Buffer.from('CP1:pässword', 'utf8').toString('base64')}`);
  });
});

test('redactUrl drops userinfo', () => {
  assert.equal(redactUrl('wss://user:secret@h/ocpp/CP1'), 'wss://h/ocpp/CP1');
  assert.equal(redactUrl('ws://h/ocpp/CP1'), 'ws://h/ocpp/CP1');
  assert.equal(redactUrl('::'), '(invalid URL)');
});
