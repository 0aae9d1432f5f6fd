import type { WebhookEventOption, WebhookInput } from '@/services/webhooks';

// The pure parts of the webhooks page: the event checkboxes, the form ↔ API mapping, and how a delivery reads.

/** Subscribing to this instead of a list means every event, including those added later. */
export const allEvents = '*';

export type EventOption = WebhookEventOption;
export type EventType = EventOption['type'];

export interface EventGroup {
  /** The part before the dot (`customer` of `customer.created`): the resource the events are about. */
  resource: string;
  events: EventOption[];
}

/** Events grouped by resource, groups and events in the server's order (it lists them in a reading order). */
export function groupEvents(events: readonly EventOption[]): EventGroup[] {
  const groups = new Map<string, EventOption[]>();
  for (const event of events) {
    const dot = event.type.indexOf('.');
    const resource = dot > 0 ? event.type.slice(0, dot) : event.type;
    const members = groups.get(resource) ?? [];
    members.push(event);
    groups.set(resource, members);
  }
  return [...groups].map(([resource, members]) => ({ resource, events: members }));
}

/** The state of a group's "all of them" checkbox. */
export function groupSelection(group: EventGroup, selected: readonly EventType[]): 'all' | 'some' | 'none' {
  const chosen = group.events.filter((event) => selected.includes(event.type)).length;
  if (chosen === 0) return 'none';
  return chosen === group.events.length ? 'all' : 'some';
}

/** Ticks or unticks a whole group, keeping the other choices and the server's order of types. */
export function toggleGroup(group: EventGroup, selected: readonly EventType[], on: boolean): EventType[] {
  const types = new Set<EventType>(group.events.map((event) => event.type));
  const others = selected.filter((type) => !types.has(type));
  return on ? [...others, ...group.events.map((event) => event.type)] : others;
}

export interface WebhookFormValues {
  name: string;
  url: string;
  description?: string | null;
  /** Every event now and later (sent as `['*']`); the checkboxes are then ignored. */
  allEvents: boolean;
  events: EventType[];
  active: boolean;
}

/** The form's starting values for a subscription (or a new one: active, nothing ticked). */
export function toFormValues(
  webhook?: { name: string; url: string; description: string | null; events: WebhookInput['events']; active: boolean },
): WebhookFormValues {
  if (!webhook) return { name: '', url: '', description: '', allEvents: false, events: [], active: true };
  const everything = webhook.events.includes(allEvents);
  return {
    name: webhook.name,
    url: webhook.url,
    description: webhook.description ?? '',
    allEvents: everything,
    events: everything ? [] : webhook.events.filter(isEventType),
    active: webhook.active,
  };
}

const isEventType = (event: WebhookInput['events'][number]): event is EventType => event !== allEvents;

/** The body of a create or an edit: trimmed texts, `['*']` for every event, an emptied description as null. */
export function toWebhookBody(values: WebhookFormValues): WebhookInput & { description: string | null } {
  const description = values.description?.trim() ?? '';
  return {
    name: values.name.trim(),
    url: values.url.trim(),
    events: values.allEvents ? [allEvents] : [...values.events],
    active: values.active,
    description: description === '' ? null : description,
  };
}

/** The events column: every event, or the first few types and how many more. */
export function eventsSummary(events: readonly string[], shown = 3): { all: true } | { all: false; types: string[]; more: number } {
  if (events.includes(allEvents)) return { all: true };
  return { all: false, types: events.slice(0, shown), more: Math.max(0, events.length - shown) };
}

/** A tag colour per delivery status; statuses this console does not know yet get the neutral tag. */
export function deliveryStatusColor(status: string): string | undefined {
  switch (status) {
    case 'succeeded':
      return 'success';
    case 'failed':
      return 'error';
    case 'pending':
      return 'processing';
    default:
      return undefined;
  }
}

/** A response status as a tag colour: 2xx green, 4xx orange, 5xx red, none (network error, timeout) grey. */
export function responseStatusColor(status: number | null): string | undefined {
  if (status === null) return undefined;
  if (status >= 200 && status < 300) return 'green';
  if (status >= 400 && status < 500) return 'orange';
  if (status >= 500) return 'red';
  return 'blue';
}

/** A duration as `850 ms` or `1.2 s` (`—` when no attempt was made). */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * When the next attempt is due, as a message key and its values:
 * - none when no retry is planned (delivered, given up, or not scheduled);
 * - `dueNow` when its time has come (the worker picks it up on its next round);
 * - `inSeconds` / `inMinutes` / `inHours` (rounded up, so "in 1 minute" never means "in 20 seconds ago").
 */
export type NextRetry =
  | { key: 'none' }
  | { key: 'dueNow' }
  | { key: 'inSeconds' | 'inMinutes' | 'inHours'; count: number };

export function nextRetry(status: string, nextAttemptAt: string | null, now: number): NextRetry {
  if (status !== 'pending' || nextAttemptAt === null) return { key: 'none' };
  const waitMs = new Date(nextAttemptAt).getTime() - now;
  if (!Number.isFinite(waitMs)) return { key: 'none' };
  if (waitMs <= 0) return { key: 'dueNow' };
  const seconds = Math.ceil(waitMs / 1000);
  if (seconds < 60) return { key: 'inSeconds', count: seconds };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return { key: 'inMinutes', count: minutes };
  return { key: 'inHours', count: Math.ceil(minutes / 60) };
}

/** A payload or a response body for reading: JSON indented, any other text as it came. */
export function prettyBody(body: unknown): string {
  if (body === null || body === undefined) return '';
  if (typeof body !== 'string') return JSON.stringify(body, null, 2);
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      // Cut at 2 KB by the server, or not JSON after all: shown as received.
    }
  }
  return body;
}

/** Whether the log should keep refreshing by itself: a delivery on its way changes without anyone acting. */
export function hasDeliveriesInFlight(deliveries: readonly { status: string }[]): boolean {
  return deliveries.some((delivery) => delivery.status === 'pending');
}
