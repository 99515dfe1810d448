/**
 * The transaction side of one 2.0.1 station, built for the profile (profile.ts only wires it): the
 * Authorization with C01 Authorize, the ledger with the TransactionEvent builder, the queue sender with the
 * seqNo hooks, and the charging-state Updated events. The core's station emits status changes; while a
 * transaction runs, a change of the charging state it implies is one TransactionEvent Updated
 * (ChargingStateChanged).
 */
import type { Clock } from '../../../agent/clock/clock.js';
import type { Logger } from '../../../agent/log.js';
import type { RpcConnection } from '../../../agent/ocpp/rpc-connection.js';
import { Authorization } from '../../../agent/station/authorization.js';
import type { EvseStatusEvent } from '../../../agent/station/evse-types.js';
import type { Settings } from '../../../agent/station/settings.js';
import type { Station } from '../../../agent/station/station.js';
import type { IdTokenInfo } from '../../../agent/station/types.js';
import { QueueSender } from '../../../agent/transactions/queue-sender.js';
import type { Store } from '../../../offline-queue/types.js';
import type { AuthorizeResponse } from '../generated/Authorize.js';
import type { IdTokenType } from '../generated/common.js';
import type { ChargingStateEnumType } from '../generated/TransactionEvent.js';
import { idTokenInfoToCore } from './id-token-info.js';
import { Ocpp201Ledger } from './ledger201.js';
import { chargingStateOf } from './mapping.js';
import { createTxEventBuilder } from './tx-events.js';
import { createTxEventSendHooks } from './tx-send-hooks.js';

/** What chargerd's card reader reads (the simulated one too): ISO 14443 cards. */
export const CARD_TOKEN_TYPE: IdTokenType['type'] = 'ISO14443';

export interface TxSideDeps {
  rpc: RpcConnection;
  store: Store;
  settings: Settings;
  clock: Clock;
  log: Logger;
  evses: readonly { id: number; phases: 1 | 3 }[];
  maxQueueDepth: number;
  canSend: () => boolean;
  station: () => Station | null;
  /** AuthCacheCtrlr.LifeTime (C10.FR.08): how long a cache entry without an expiry of its own counts. */
  cacheLifeTimeS?: () => number | undefined;
  /** Clock-aligned samples of a running transaction are sent (AlignedDataCtrlr.Enabled, not SendDuringIdle). */
  alignedDuringTx?: () => boolean;
}

export class TxSide {
  readonly authorization: Authorization;
  readonly ledger: Ocpp201Ledger;
  readonly sender: QueueSender;
  private readonly builder: ReturnType<typeof createTxEventBuilder>;
  /** Types of ids a remote start named (a card's is CARD_TOKEN_TYPE); by id, case as given. */
  private readonly tokenTypes = new Map<string, IdTokenType['type']>();
  /** The charging state last reported per transaction (localId). */
  private readonly states = new Map<string, ChargingStateEnumType>();

  constructor(private readonly d: TxSideDeps) {
    this.authorization = new Authorization({
      localList: d.store.localList,
      cache: d.store.authCache,
      settings: d.settings,
      clock: d.clock,
      log: d.log.child({ module: 'auth' }),
      online: d.canSend,
      remote: (idTag) => this.remoteAuthorize(idTag),
      ...(d.cacheLifeTimeS ? { cacheLifeTimeS: d.cacheLifeTimeS } : {}),
    });
    this.builder = createTxEventBuilder({
      settings: d.settings,
      phasesOf: (id) => d.evses.find((e) => e.id === id)?.phases ?? 3,
      online: d.canSend,
      tokenType: (idTag) => this.tokenTypes.get(idTag) ?? CARD_TOKEN_TYPE,
      evPlugged: (id) => this.evPlugged(id),
      chargingState: (id) => {
        const evse = d.station()?.evse(id);
        if (!evse) return null;
        return this.evPlugged(id) ? chargingStateOf(evse.currentStatus().status) : 'Idle';
      },
      startedIn: (localId, state) => void this.states.set(localId, state),
      ...(d.alignedDuringTx ? { alignedDuringTx: d.alignedDuringTx } : {}),
    });
    const log = d.log.child({ module: 'queue' });
    this.sender = new QueueSender({
      store: d.store,
      transport: { call: (action, payload, onId) => d.rpc.call(action, payload, onId ? { onId } : {}) },
      hooks: createTxEventSendHooks(d.store, { idTokenInfo: (localId, idTag, info, eventType) => this.answered(localId, idTag, info, eventType) }, log),
      clock: d.clock,
      log,
      settings: d.settings,
    });
    this.ledger = new Ocpp201Ledger(d.store, this.builder, () => this.sender.kick(), () => d.maxQueueDepth);
  }

  noteTokenType(token: IdTokenType): void {
    if (token.type !== CARD_TOKEN_TYPE) this.tokenTypes.set(token.idToken, token.type);
  }

  /** A status change of an EVSE: while its transaction runs, a new charging state is an Updated event. */
  statusChanged(e: EvseStatusEvent): void {
    const evse = this.d.station()?.evse(e.evseId);
    const rec = evse?.transaction();
    if (!rec) return;
    const last = this.states.get(rec.localId) ?? 'EVConnected';
    // Begun at Authorized without an EV (E03): Idle until the cable is plugged in, whatever the status says.
    if (last === 'Idle' && !this.evPlugged(e.evseId)) return;
    const state = chargingStateOf(e.status);
    // Idle is how a transaction ends, which its Ended event says.
    if (state === null || state === 'Idle') return;
    if (state === last) return;
    this.states.set(rec.localId, state);
    // E03.FR.12: the more specific trigger, the plug-in, rather than ChargingStateChanged.
    const trigger = last === 'Idle' ? 'CablePluggedIn' : 'ChargingStateChanged';
    try {
      this.ledger.event(rec, this.builder.chargingStateChanged(rec, state, e.timestamp, trigger), e.timestamp);
    } catch (err) {
      this.d.log.warn({ tx: rec.localId, chargingState: state, err: (err as Error).message }, 'charging-state TransactionEvent not queued');
    }
  }

  private evPlugged(evseId: number): boolean {
    return this.d.station()?.evse(evseId)?.snapshot().pilotState !== 'A';
  }

  transactionEnded(localId: string): void {
    this.states.delete(localId);
  }

  private async remoteAuthorize(idTag: string): Promise<IdTokenInfo> {
    const r = (await this.d.rpc.call('Authorize', { idToken: { idToken: idTag, type: this.tokenTypes.get(idTag) ?? CARD_TOKEN_TYPE } })) as AuthorizeResponse;
    return idTokenInfoToCore(r.idTokenInfo);
  }

  /**
   * The idTokenInfo of a TransactionEventResponse: cached (C10), and for a running transaction's owner (the
   * Started event's id) anything but Accepted deauthorizes it as StopTxOnInvalidId says (E05: stop with
   * DeAuthorized, or keep charging within MaxEnergyOnInvalidId) — the core's transactionAuthorization.
   */
  private answered(localId: string, idTag: string, info: IdTokenInfo, eventType: string): void {
    this.authorization.remember(idTag, info);
    if (eventType === 'Ended') return;
    this.d.station()?.transactionAuthorization(localId, info);
  }
}
