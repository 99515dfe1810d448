/** The station's own event reports (NotifyEvent, N07 hard-wired notifications): faults of the EVSEs. */
export { FaultEvents, MAX_ATTEMPTS, MAX_PENDING, type FaultEventsDeps } from './fault-events.js';
export { faultEventData, type FaultChange } from './event-data.js';
export { eventIds, EVENT_ID_KEY } from './event-ids.js';
