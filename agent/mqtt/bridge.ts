/**
 * The MQTT bridge: state out (publisher.ts), commands in (commands.ts), Home Assistant discovery
 * (discovery.ts), over one connection (link.ts). Built by the agent when `mqtt` is configured.
 *
 * A broker outage loses only MQTT output: nothing on the station's side waits for the broker, and a command
 * calls the same synchronous station methods as the OCPP handlers (Station.changeAvailability, the limits).
 */
import type { Clock } from '../clock/clock.js';
import type { ResolvedMqttConfig } from '../config/load.js';
import type { Logger } from '../log.js';
import type { Station } from '../station/station.js';
import { errorPayload, parseCommand, type Command } from './commands.js';
import { DISCOVERY_PREFIX, discoveryConfigs, ownConfigsFilter } from './discovery.js';
import { MqttLink } from './link.js';
import { StatePublisher, type StationInfo } from './publisher.js';
import { topics } from './topics.js';

export interface MqttBridgeDeps {
  config: ResolvedMqttConfig;
  station: Station;
  clock: Clock;
  log: Logger;
  info: StationInfo;
  /** Rating per EVSE, for the number entity's range. */
  evses: { id: number; maxCurrentA: number }[];
}

/** How long stop() waits for the broker to take "offline" before it closes anyway. */
export const STOP_WAIT_MS = 1000;

export class MqttBridge {
  private link: MqttLink | null = null;
  private publisher: StatePublisher | null = null;
  private readonly discovery = new Set<string>();

  constructor(private readonly d: MqttBridgeDeps) {}

  start(): void {
    const { config, log } = this.d;
    const t = topics(config.topicPrefix);
    const link = new MqttLink({
      config,
      clock: this.d.clock,
      log,
      statusTopic: t.status,
      onConnect: () => this.publishDiscovery(),
      onMessage: (topic, payload, retained) => this.onMessage(topic, payload, retained),
    });
    this.link = link;
    link.subscribe([t.siteLimitSet, t.evseLimitSetAll, t.evseEnabledSetAll, ...(config.homeAssistant ? [ownConfigsFilter(this.d.info.chargePointId)] : [])]);
    this.publisher = new StatePublisher({ link, station: this.d.station, clock: this.d.clock, prefix: config.topicPrefix, info: this.d.info });
    this.publisher.start();
    link.start();
  }

  /** Bounded (STOP_WAIT_MS): a broker that does not answer cannot hold up the shutdown. */
  async stop(): Promise<void> {
    this.publisher?.stop();
    this.publisher = null;
    await this.link?.stop(STOP_WAIT_MS);
    this.link = null;
  }

  get stats() {
    return this.link?.stats ?? null;
  }

  private publishDiscovery(): void {
    if (!this.d.config.homeAssistant || !this.link) return;
    const i = this.d.info;
    const configs = discoveryConfigs({ chargePointId: i.chargePointId, prefix: this.d.config.topicPrefix, vendor: i.vendor, model: i.model, version: i.version, serialNumber: i.serialNumber, evses: this.d.evses });
    this.discovery.clear();
    for (const c of configs) {
      this.discovery.add(c.topic);
      this.link.state(c.topic, JSON.stringify(c.payload));
    }
  }

  private onMessage(topic: string, payload: Buffer, retained: boolean): void {
    const link = this.link;
    if (!link) return;
    if (topic.startsWith(`${DISCOVERY_PREFIX}/`)) {
      // A config of ours the broker still keeps for an EVSE (or entity) that no longer exists: removed.
      if (payload.length > 0 && !this.discovery.has(topic)) {
        this.d.log.info({ topic }, 'removing the Home Assistant config of an entity no longer configured');
        link.remove(topic);
      }
      return;
    }
    const prefix = this.d.config.topicPrefix;
    const parsed = parseCommand(prefix, topic, payload, retained, this.d.station.evses().map((e) => e.id));
    const error = parsed.ok ? this.apply(parsed.command) : parsed.error;
    if (error) {
      this.d.log.info({ topic, error }, 'MQTT command refused');
      link.event(topics(prefix).error, errorPayload(topic, payload, error));
    }
  }

  /** Returns the refusal, or null when applied. */
  private apply(c: Command): string | null {
    const station = this.d.station;
    if (c.kind === 'limit') {
      if (c.scope === 'site') station.limits.setSite(c.value, c.expiresInS);
      else station.limits.setEvse(c.scope, c.value, c.expiresInS);
      this.d.log.info({ scope: c.scope, limit: c.value, expiresInS: c.expiresInS }, 'external limit set over MQTT');
      return null;
    }
    const r = station.changeAvailability(c.evse, c.enabled);
    this.d.log.info({ evse: c.evse, enabled: c.enabled, result: r }, 'availability changed over MQTT');
    return r === 'Rejected' ? `the station refused (${c.enabled ? 'the station as a whole is Inoperative' : 'rejected'})` : null;
  }
}
