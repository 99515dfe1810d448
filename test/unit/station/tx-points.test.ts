/** Start and stop points as values (agent/station/tx-points.ts): the 1.6 pair, 2.0.1 lists, what is refused. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTxPoints, endsTransaction, ocpp16TxPoints, startReached, type TxPoint, type TxPoints } from '../../../agent/station/tx-points.js';

const held = (...p: TxPoint[]): Set<TxPoint> => new Set(p);

describe('tx points', () => {
  test('1.6: the start needs Authorized and EVConnected, in either order', () => {
    const p = ocpp16TxPoints(true);
    assert.equal(startReached(p, held()), false);
    assert.equal(startReached(p, held('Authorized')), false);
    assert.equal(startReached(p, held('EVConnected')), false);
    assert.equal(startReached(p, held('EVConnected', 'Authorized')), true);
    assert.deepEqual(checkTxPoints(p), []);
  });

  test('1.6: either ends the transaction; EVConnected only with StopTransactionOnEVSideDisconnect', () => {
    assert.equal(endsTransaction(ocpp16TxPoints(true), 'Authorized'), true);
    assert.equal(endsTransaction(ocpp16TxPoints(true), 'EVConnected'), true);
    assert.equal(endsTransaction(ocpp16TxPoints(false), 'Authorized'), true);
    assert.equal(endsTransaction(ocpp16TxPoints(false), 'EVConnected'), false);
    assert.deepEqual(checkTxPoints(ocpp16TxPoints(false)), []);
  });

  test('2.0.1: PowerPathClosed is the AND of both halves, and ends with either', () => {
    const p: TxPoints = { start: ['PowerPathClosed'], startWhen: 'any', stop: ['PowerPathClosed'] };
    assert.equal(startReached(p, held('Authorized')), false);
    assert.equal(startReached(p, held('Authorized', 'EVConnected')), true);
    assert.equal(endsTransaction(p, 'Authorized'), true);
    assert.equal(endsTransaction(p, 'EVConnected'), true);
    assert.deepEqual(checkTxPoints(p), []);
  });

  test('2.0.1 "any": the first listed point begins it', () => {
    const p: TxPoints = { start: ['EVConnected', 'Authorized'], startWhen: 'any', stop: ['Authorized'] };
    assert.equal(startReached(p, held('EVConnected')), true);
    assert.equal(startReached(p, held('Authorized')), true);
  });

  test('what the station cannot act on is refused, every reason at once', () => {
    assert.deepEqual(checkTxPoints({ start: [], startWhen: 'all', stop: [] }), [
      'TxStartPoint: empty (a transaction would never begin)',
      'TxStopPoint: empty (a transaction would never end)',
    ]);
    assert.deepEqual(checkTxPoints({ start: ['EVConnected', 'ParkingBayOccupancy'], startWhen: 'any', stop: ['EVConnected', 'DataSigned'] }), [
      'TxStartPoint: ParkingBayOccupancy is not supported (no parking bay sensor)',
      'TxStopPoint: DataSigned is not supported (no signed meter data)',
      'TxStartPoint: a transaction must wait for Authorized (transactions without an id are not supported)',
      'TxStopPoint: must include Authorized (or PowerPathClosed)',
    ]);
    // Authorized alone begins before the EV is there; EVConnectionTimeOut ends it when none comes.
    assert.deepEqual(checkTxPoints({ start: ['Authorized'], startWhen: 'any', stop: ['Authorized'] }), []);
    assert.match(checkTxPoints({ start: ['EnergyTransfer', 'PowerPathClosed'], startWhen: 'all', stop: ['Authorized'] })[0]!, /EnergyTransfer is not supported \(energy flows only once the transaction is recorded\)/);
  });
});
