/** The event names a workspace has seen, with counts and property keys (for pickers in the dashboard). */
export { listEventNames } from './event-names.ts';
export { EventNamesRequestSchema, type EventNamesRequest, type EventNamesResult, type EventName, type PropertyKey } from './schema.ts';
