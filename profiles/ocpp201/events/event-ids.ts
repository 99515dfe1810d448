/**
 * eventIds that this station never repeats (EventDataType.eventId identifies an event; a later one may name it as
 * its cause): a counter persisted in the store's settings. A store that cannot write keeps counting in memory
 * (the notification matters more than the id's life across a restart).
 */
import { StoreError, type SettingsStore } from '../../../offline-queue/index.js';

export const EVENT_ID_KEY = 'ocpp201:nextEventId';
/** EventDataType.eventId is an int32. */
const MAX_EVENT_ID = 2_147_483_647;

export function eventIds(settings: SettingsStore): () => number {
  let next: number | null = null;
  return () => {
    if (next === null) {
      const stored = Number(settings.getAll()[EVENT_ID_KEY]);
      next = Number.isSafeInteger(stored) && stored >= 1 && stored <= MAX_EVENT_ID ? stored : 1;
    }
    const id = next;
    next = id >= MAX_EVENT_ID ? 1 : id + 1;
    try {
      settings.set(EVENT_ID_KEY, String(next));
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
    }
    return id;
  };
}
