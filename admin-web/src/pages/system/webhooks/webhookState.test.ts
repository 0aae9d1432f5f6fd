import { describe, expect, it } from 'vitest';
import {
  deliveryStatusColor,
  eventsSummary,
  formatDuration,
  groupEvents,
  groupSelection,
  hasDeliveriesInFlight,
  nextRetry,
  prettyBody,
  responseStatusColor,
  toFormValues,
  toggleGroup,
  toWebhookBody,
  type EventOption,
} from './webhookState';

const catalogue: EventOption[] = [
  { type: 'customer.created', description: '新建客户' },
  { type: 'customer.updated', description: '修改客户' },
  { type: 'order.created', description: '新建订单' },
  { type: 'customer.deleted', description: '删除客户' },
  { type: 'feedback.created', description: '收到反馈' },
  { type: 'import.completed', description: '导入完成' },
];

describe('event checkboxes', () => {
  it('group the catalogue by resource, keeping the server’s order', () => {
    const groups = groupEvents(catalogue);
    expect(groups.map((group) => group.resource)).toEqual(['customer', 'order', 'feedback', 'import']);
    expect(groups[0].events.map((event) => event.type)).toEqual([
      'customer.created',
      'customer.updated',
      'customer.deleted',
    ]);
  });

  it('tell whether a group is fully, partly or not ticked', () => {
    const [customers] = groupEvents(catalogue);
    expect(groupSelection(customers, [])).toBe('none');
    expect(groupSelection(customers, ['customer.created', 'order.created'])).toBe('some');
    expect(groupSelection(customers, ['customer.created', 'customer.updated', 'customer.deleted'])).toBe('all');
  });

  it('tick and untick a whole group without touching the others', () => {
    const [customers] = groupEvents(catalogue);
    expect(toggleGroup(customers, ['order.created', 'customer.updated'], true)).toEqual([
      'order.created',
      'customer.created',
      'customer.updated',
      'customer.deleted',
    ]);
    expect(toggleGroup(customers, ['order.created', 'customer.updated'], false)).toEqual(['order.created']);
  });
});

describe('the subscription form', () => {
  it('starts a new subscription active with nothing ticked', () => {
    expect(toFormValues()).toEqual({ name: '', url: '', description: '', allEvents: false, events: [], active: true });
  });

  it('opens a subscription to every event with the switch on and no boxes ticked', () => {
    const values = toFormValues({ name: 'ERP', url: 'https://erp.example.com/hook', description: null, events: ['*'], active: false });
    expect(values).toMatchObject({ allEvents: true, events: [], active: false, description: '' });
  });

  it('sends trimmed texts, the ticked events, and an emptied description as null', () => {
    expect(
      toWebhookBody({
        name: '  ERP 同步 ',
        url: ' https://erp.example.com/hook ',
        description: '   ',
        allEvents: false,
        events: ['customer.created'],
        active: true,
      }),
    ).toEqual({
      name: 'ERP 同步',
      url: 'https://erp.example.com/hook',
      events: ['customer.created'],
      active: true,
      description: null,
    });
  });

  it('sends every event as the wildcard, whatever boxes were ticked before', () => {
    const body = toWebhookBody({
      name: 'BI',
      url: 'https://bi.example.com',
      description: '数据仓库',
      allEvents: true,
      events: ['order.created'],
      active: true,
    });
    expect(body.events).toEqual(['*']);
    expect(body.description).toBe('数据仓库');
  });
});

describe('the events column', () => {
  it('says every event for the wildcard', () => {
    expect(eventsSummary(['*'])).toEqual({ all: true });
  });

  it('shows the first types and counts the rest', () => {
    expect(eventsSummary(['a.x', 'b.x', 'c.x', 'd.x', 'e.x'])).toEqual({ all: false, types: ['a.x', 'b.x', 'c.x'], more: 2 });
    expect(eventsSummary(['a.x'])).toEqual({ all: false, types: ['a.x'], more: 0 });
  });
});

describe('a delivery in the log', () => {
  it('colours its status, unknown ones neutral', () => {
    expect(deliveryStatusColor('succeeded')).toBe('success');
    expect(deliveryStatusColor('failed')).toBe('error');
    expect(deliveryStatusColor('pending')).toBe('processing');
    expect(deliveryStatusColor('paused')).toBeUndefined();
  });

  it('colours the receiver’s answer by its class', () => {
    expect(responseStatusColor(204)).toBe('green');
    expect(responseStatusColor(404)).toBe('orange');
    expect(responseStatusColor(503)).toBe('red');
    expect(responseStatusColor(302)).toBe('blue');
    expect(responseStatusColor(null)).toBeUndefined();
  });

  it('reads durations in milliseconds or seconds', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(87.4)).toBe('87 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(10_000)).toBe('10.0 s');
  });

  it('tells when a pending delivery is tried again, rounded up', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(nextRetry('pending', '2025-03-01T10:00:29.200Z', now)).toEqual({ key: 'inSeconds', count: 30 });
    expect(nextRetry('pending', '2025-03-01T10:04:01Z', now)).toEqual({ key: 'inMinutes', count: 5 });
    expect(nextRetry('pending', '2025-03-01T12:10:00Z', now)).toEqual({ key: 'inHours', count: 3 });
    expect(nextRetry('pending', '2025-03-01T09:59:00Z', now)).toEqual({ key: 'dueNow' });
  });

  it('plans no retry for finished deliveries or without a time', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(nextRetry('succeeded', '2025-03-01T10:05:00Z', now)).toEqual({ key: 'none' });
    expect(nextRetry('failed', null, now)).toEqual({ key: 'none' });
    expect(nextRetry('pending', null, now)).toEqual({ key: 'none' });
  });

  it('indents JSON bodies and leaves other text alone', () => {
    expect(prettyBody({ id: 'evt_1', type: 'webhook.test' })).toBe('{\n  "id": "evt_1",\n  "type": "webhook.test"\n}');
    expect(prettyBody('{"ok":true}')).toBe('{\n  "ok": true\n}');
    expect(prettyBody('{"cut at 2 KB')).toBe('{"cut at 2 KB');
    expect(prettyBody('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(prettyBody(null)).toBe('');
  });

  it('keeps the log refreshing only while something is on its way', () => {
    expect(hasDeliveriesInFlight([{ status: 'succeeded' }, { status: 'pending' }])).toBe(true);
    expect(hasDeliveriesInFlight([{ status: 'succeeded' }, { status: 'failed' }])).toBe(false);
  });
});
