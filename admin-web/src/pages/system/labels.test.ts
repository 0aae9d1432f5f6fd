import { describe, expect, it } from 'vitest';
import zhCN from '@/locales/zh-CN.json';
import { flattenKeys } from '@/i18n/flattenKeys';
import {
  auditActionMessage,
  auditActions,
  auditFieldMessage,
  auditResourceMessage,
  auditResources,
  permissionMessage,
  permissionResourceMessage,
} from './labels';

const known = new Set(flattenKeys(zhCN));

describe('labels of server codes', () => {
  it('point at messages that exist', () => {
    const messages = [
      ...auditActions.map(auditActionMessage),
      ...auditResources.map(auditResourceMessage),
      permissionMessage('customer:reveal_phone'),
      permissionResourceMessage('api_key'),
      auditFieldMessage('permissions'),
    ];
    for (const message of messages) expect(message !== null && known.has(message), String(message)).toBe(true);
  });

  it('know nothing of codes they were not given, so the page falls back to the server’s label', () => {
    expect(permissionMessage('report:read')).toBeNull();
    expect(auditActionMessage('toString')).toBeNull();
    expect(auditResourceMessage('constructor')).toBeNull();
  });
});
