/**
 * Which network connection profile the connection uses (B10): at start the first entry of
 * NetworkConfigurationPriority (B10.FR.04), then, after NetworkProfileConnectionAttempts failed attempts in a row
 * (B10.FR.03: at start and after a connection loss), the next entry; after the last entry the slot of the last
 * connection that opened (B10.FR.07, remembered across reboots), then the list again from its first entry
 * (B10.FR.08): it never stops trying (B10.FR.09). An entry whose slot holds no profile is skipped.
 *
 * Connecting through another slot than the last one that opened may reach another CSMS: the profile registers
 * again there (takeSwitched, B10.FR.10). The URL goes to the RpcConnection with setBaseUrl before the next
 * attempt; this class does no I/O besides the store's settings.
 */
import type { Logger } from '../../../agent/log.js';
import type { RpcConnection } from '../../../agent/ocpp/rpc-connection.js';
import type { SettingsStore } from '../../../offline-queue/types.js';
import type { DeviceModel } from '../device-model/device-model.js';
import { ATTEMPTS, CONFIG_SLOT, LAST_GOOD_KEY, priorityOf, targetOf, type SlotTarget } from './slots.js';

export interface NetworkSelectorDeps {
  rpc: Pick<RpcConnection, 'baseUrl' | 'setBaseUrl' | 'events'>;
  model: DeviceModel;
  settings: SettingsStore;
  log: Logger;
}

export class NetworkSelector {
  /** The config file's csmsUrl (slot 0 until a SetNetworkProfile replaces it). */
  readonly configUrl: string;
  private readonly order: SlotTarget[];
  private index = 0;
  private failures = 0;
  /** The slot of the last connection that opened in this run (null: none yet). */
  private openedSlot: number | null = null;
  private switched = false;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly d: NetworkSelectorDeps) {
    this.configUrl = d.rpc.baseUrl;
    this.order = this.sequence();
    this.use(0, 'start');
    this.offs.push(d.rpc.events.on('connectFailed', () => this.failed()));
    this.offs.push(d.rpc.events.on('open', () => this.opened()));
  }

  /** The slot in use now (OCPPCommCtrlr.ActiveNetworkProfile). */
  activeSlot(): number {
    return this.order[this.index]!.slot;
  }

  /** True once after a connection opened through another slot than the previous one of this run. */
  takeSwitched(): boolean {
    const s = this.switched;
    this.switched = false;
    return s;
  }

  stop(): void {
    this.offs.splice(0).forEach((off) => off());
  }

  private sequence(): SlotTarget[] {
    const configured = priorityOf(this.d.model)
      .map((slot) => {
        const t = targetOf(this.d.settings, slot, this.configUrl);
        if (!t) this.d.log.warn({ slot }, 'NetworkConfigurationPriority names an empty slot: skipped');
        return t;
      })
      .filter((t): t is SlotTarget => t !== undefined);
    const lastGood = Number(this.d.settings.getAll()[LAST_GOOD_KEY] ?? Number.NaN);
    const fallback = Number.isInteger(lastGood) ? targetOf(this.d.settings, lastGood, this.configUrl) : undefined;
    const out = configured.length ? configured : [targetOf(this.d.settings, CONFIG_SLOT, this.configUrl)!];
    if (fallback && out[out.length - 1]!.slot !== fallback.slot) out.push(fallback);
    return out;
  }

  private use(index: number, why: string): void {
    const t = this.order[index]!;
    try {
      this.d.rpc.setBaseUrl(t.url);
    } catch (err) {
      // Stored profiles were checked when set; the config's URL is checked at start-up. Kept for safety.
      this.d.log.error({ slot: t.slot, err: (err as Error).message }, 'network profile URL unusable');
      return;
    }
    this.index = index;
    this.failures = 0;
    if (why !== 'start' || this.order.length > 1 || t.stored) this.d.log.info({ slot: t.slot, why }, 'network connection profile in use');
  }

  private failed(): void {
    this.failures++;
    const attempts = Math.max(1, this.d.model.number(ATTEMPTS) ?? 1);
    if (this.failures < attempts || this.order.length < 2) return;
    this.use((this.index + 1) % this.order.length, `${this.failures} failed attempts on slot ${this.activeSlot()}`);
  }

  private opened(): void {
    this.failures = 0;
    const slot = this.activeSlot();
    if (this.openedSlot !== null && this.openedSlot !== slot) this.switched = true;
    this.openedSlot = slot;
    if (this.d.settings.getAll()[LAST_GOOD_KEY] !== String(slot)) this.d.settings.set(LAST_GOOD_KEY, String(slot));
  }
}
