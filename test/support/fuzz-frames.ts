/** Hostile OCPP-J frames from a seed, for the RPC fuzz test and station-level fuzzing of each profile. */

export { prng } from './prng.js';


export interface Frame {
  text: string | Buffer;
  id: string | null;
  /** Drawn from the dialect's near misses. */
  nearMiss?: true;
}

/**
 * Frame i of a hostile sequence: its text (or bytes) and, when it is a CALL with a usable id, that id (`f<i>`),
 * which must then be answered exactly once.
 */
export function frameGenerator(rand: () => number, actions: readonly string[], dialect?: FrameDialect): (i: number) => Frame {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const strings = ['', 'a', 'Accepted', '\u0000', '\ud83d\ude97', 'x'.repeat(300), '"]}', '1e309', '<script>', 'Ω'.repeat(40), '2026-13-45T99:99:99Z'];
  const scalar = (): unknown => pick([() => pick(strings), () => int(2 ** 31) - 2 ** 30, () => rand() * 1e12, () => 1e308 * 10, () => -0, () => null, () => rand() < 0.5, () => 2 ** 53 + 1])();
  const value = (depth: number): unknown => {
    if (depth <= 0 || rand() < 0.4) return scalar();
    if (rand() < 0.5) return Array.from({ length: int(4) }, () => value(depth - 1));
    const o: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) o[pick(keys())] = value(depth - 1);
    return o;
  };
  // Without a dialect the list and so the draws are exactly the original ones: a seed replays the same frames.
  const keys = () => ['status', 'connectorId', 'evseId', 'type', 'key', 'idTag', 'idToken', 'requestId', '__proto__', 'constructor', ...(dialect?.keys ?? []), pick(strings)];
  const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });
  return (i: number): Frame => {
    const goodId = `f${i}`;
    const kind = int(12 + (dialect?.nearMisses.length ? 3 : 0));
    if (kind >= 12) {
      // A payload of the dialect's shape with edge values, valid or one step off: it reaches the handlers.
      const [action, payload] = pick(dialect!.nearMisses)({ rand, int, pick, value, strings });
      return { text: JSON.stringify([2, goodId, action, payload]), id: goodId, nearMiss: true };
    }
    switch (kind) {
      case 0:
        return { text: JSON.stringify(value(4)), id: null };
      case 1:
        return { text: pick(['', '[', '[2,"x"', 'null', '{}', '[]', '[2]', 'not json', '[2,"id","Reset",{}]]', '\u0000', '[4,,]']), id: null };
      case 2:
        return { text: Buffer.from([2, 0, 255, 10]), id: null };
      case 3: // A CALL whose id is unusable: not a string, empty or too long.
        return { text: JSON.stringify([2, pick([7, null, '', 'i'.repeat(37), {}, ['x']]), pick(actions), {}]), id: null };
      case 4: // Results and errors for calls never made: to be ignored.
        return { text: JSON.stringify(rand() < 0.5 ? [3, goodId, value(2)] : [4, goodId, pick(['GenericError', 'Nonsense', 7]), 'x', value(1)]), id: null };
      case 5: // An unknown message type with a usable id.
        return { text: JSON.stringify([pick([0, 1, 5, 9, -1, '2', 2.5]), goodId, pick(actions), {}]), id: null };
      case 6: // A known action, payload garbage.
        return { text: JSON.stringify([2, goodId, pick(actions), value(3)]), id: goodId };
      case 7: // A known action, payload not an object.
        return { text: JSON.stringify([2, goodId, pick(actions), pick([[], 'x', 7, null, true])]), id: goodId };
      case 8: // An unknown or ill-formed action.
        return { text: JSON.stringify([2, goodId, pick(['', 'reset', 'Reset ', 'x'.repeat(200), 'Heartbeat2', '__proto__', 'constructor']), {}]), id: goodId };
      case 9: // Too many or too few elements.
        return { text: JSON.stringify(rand() < 0.5 ? [2, goodId, pick(actions), {}, 'extra'] : [2, goodId, pick(actions)]), id: null };
      case 10: // Deep nesting.
        return { text: JSON.stringify([2, goodId, pick(actions), deep(200 + int(300))]), id: goodId };
      default: // An action name that is not a string.
        return { text: JSON.stringify([2, goodId, pick([7, null, {}, []]), {}]), id: null };
    }
  };
}

/** What the generator needs to draw a near miss. */
export interface Draw {
  rand: () => number;
  int: (n: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  value: (depth: number) => unknown;
  strings: readonly string[];
}

/** A protocol version's flavour of hostility: its property names, and payloads close to its real ones. */
export interface FrameDialect {
  keys: readonly string[];
  /** Each draws [action, payload]. */
  nearMisses: readonly ((d: Draw) => [string, unknown])[];
}

/**
 * OCPP 2.0.1 (part 3 schemas). The near misses are either valid or off by one thing (a wrong enum, a wrong type, a
 * missing or extra property, an empty or too long list, a too long string). None can change what the station
 * does afterwards: SetVariables names no existing variable, ChangeAvailability only asks for Operative,
 * RequestStartTransaction names no EVSE the station has, TriggerMessage asks for no BootNotification, and no
 * Reset, SendLocalList or SetNetworkProfile is drawn.
 */
export const DIALECT_201: FrameDialect = {
  keys: ['evse', 'id', 'component', 'variable', 'attributeType', 'attributeValue', 'getVariableData', 'setVariableData', 'reportBase', 'remoteStartId', 'transactionId', 'operationalStatus', 'requestedMessage', 'customData', 'vendorId', 'messageId', 'data', 'componentCriteria', 'componentVariable'],
  nearMisses: [
    ({ int, pick }) => {
      const component = () => pick([{ name: 'OCPPCommCtrlr' }, { name: 'TxCtrlr' }, { name: 'EVSE', evse: { id: int(4) } }, { name: 'Connector', evse: { id: int(4), connectorId: int(3) } }, { name: 'FuzzCtrlr' }, { name: '' }, { name: 'x'.repeat(51) }, { name: 'DeviceDataCtrlr', instance: 'nope' }]);
      const variable = () => pick([{ name: 'HeartbeatInterval' }, { name: 'ItemsPerMessage', instance: pick(['GetVariables', 'GetReport', 'Nope']) }, { name: 'TxStartPoint' }, { name: 'FuzzVar' }, { name: 7 }, {}]);
      const n = pick([0, 1, 2, 5, 30, 300]);
      const item = () => ({ component: component(), variable: variable(), ...(int(3) === 0 ? { attributeType: pick(['Actual', 'Target', 'MinSet', 'MaxSet', 'Bogus']) } : {}) });
      return ['GetVariables', { getVariableData: Array.from({ length: n }, item) }];
    },
    ({ int, pick, strings }) => {
      const item = () => ({
        component: pick([{ name: 'FuzzCtrlr' }, { name: 'OCPPCommCtrlr' }, { name: 'EVSE', evse: { id: 9 } }]),
        variable: pick([{ name: 'FuzzVar' }, { name: 'NoSuchVariable', instance: 'x' }]),
        attributeValue: pick([...strings, 'v'.repeat(1001)]),
        ...(int(3) === 0 ? { attributeType: pick(['Actual', 'Target', 'Bogus']) } : {}),
      });
      return ['SetVariables', { setVariableData: Array.from({ length: pick([0, 1, 3, 50]) }, item) }];
    },
    ({ int, pick }) => ['GetBaseReport', { requestId: pick([int(1000), -1, 'x', 2 ** 53 + 1]), reportBase: pick(['ConfigurationInventory', 'FullInventory', 'SummaryInventory', 'Bogus', '']) }],
    ({ int, pick }) => {
      const criteria = pick([[], ['Active'], ['Available', 'Enabled', 'Problem'], ['Bogus'], ['Active', 'Active', 'Active', 'Active', 'Active']]);
      const cv = pick([undefined, [], [{ component: { name: 'TxCtrlr' } }, { component: { name: 'FuzzCtrlr' }, variable: { name: 'FuzzVar' } }], [{ component: {} }]]);
      return ['GetReport', { requestId: int(1000), ...(int(2) ? { componentCriteria: criteria } : {}), ...(cv ? { componentVariable: cv } : {}) }];
    },
    ({ int, pick, strings }) => ['RequestStopTransaction', pick([{ transactionId: pick(strings) }, { transactionId: 'f'.repeat(36) }, { transactionId: int(100) }, {}])],
    ({ pick, strings }) => ['GetTransactionStatus', pick([{}, { transactionId: pick(strings) }, { transactionId: null }])],
    ({ int, pick }) => ['UnlockConnector', { evseId: pick([int(4), -1, 2 ** 31, 'one']), connectorId: pick([int(3), 0, 99]) }],
    ({ int, pick }) => ['TriggerMessage', { requestedMessage: pick(['Heartbeat', 'StatusNotification', 'MeterValues', 'TransactionEvent', 'LogStatusNotification', 'Bogus']), ...(int(2) ? { evse: pick([{ id: int(4) }, { id: 1, connectorId: pick([1, 2, 9]) }, { id: 'x' }]) } : {}) }],
    ({ pick, value, strings }) => ['DataTransfer', { vendorId: pick([...strings, 'org.chargerd.fuzz']), ...(pick([true, false]) ? { messageId: pick(strings) } : {}), data: value(2) }],
    ({ int, pick }) => ['ChangeAvailability', { operationalStatus: pick(['Operative', 'operative', 7]), ...(int(2) ? { evse: pick([{ id: 9 }, { id: 1, connectorId: 7 }, { connectorId: 1 }]) } : {}) }],
    ({ int, pick }) => ['RequestStartTransaction', { idToken: pick([{ idToken: 'FUZZ', type: 'Bogus' }, { idToken: 'FUZZ' }, { idToken: 'x'.repeat(37), type: 'ISO14443' }, { idToken: 'FUZZ', type: 'Central' }]), remoteStartId: pick([int(100), 'x']), evseId: pick([99, -1]) }],
    ({ pick }) => [pick(['ClearCache', 'GetLocalListVersion']), pick([{}, { customData: { vendorId: 'org.chargerd.fuzz' } }, { customData: {} }, { extra: 1 }])],
  ],
};
