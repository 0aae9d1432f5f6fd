import type { AuditAction, AuditResource, Permission } from '@/api/types';

// Message keys for the codes the server sends (permission keys, resources, audit actions), so pages can
// show them in the reader's language. The maps cover the OpenAPI enums (a new code fails the typecheck here);
// lookups still fall back to the server's label or the code itself for anything unknown at run time.

const permissionMessages = {
  'customer:read': 'system.roles.permissions.customerRead',
  'customer:create': 'system.roles.permissions.customerCreate',
  'customer:update': 'system.roles.permissions.customerUpdate',
  'customer:delete': 'system.roles.permissions.customerDelete',
  'customer:assign': 'system.roles.permissions.customerAssign',
  'customer:merge': 'system.roles.permissions.customerMerge',
  'customer:bulk': 'system.roles.permissions.customerBulk',
  'customer:purge': 'system.roles.permissions.customerPurge',
  'customer:force_duplicate': 'system.roles.permissions.customerForceDuplicate',
  'customer:export': 'system.roles.permissions.customerExport',
  'customer:reveal_phone': 'system.roles.permissions.customerRevealPhone',
  'order:update_amount': 'system.roles.permissions.orderUpdateAmount',
  'settings:manage': 'system.roles.permissions.settingsManage',
  'custom_field:manage': 'system.roles.permissions.customFieldManage',
  'user:manage': 'system.roles.permissions.userManage',
  'role:manage': 'system.roles.permissions.roleManage',
  'team:manage': 'system.roles.permissions.teamManage',
  'audit:read': 'system.roles.permissions.auditRead',
  'api_key:manage': 'system.roles.permissions.apiKeyManage',
  'security:manage': 'system.roles.permissions.securityManage',
  'feedback:read': 'system.roles.permissions.feedbackRead',
  'feedback:manage': 'system.roles.permissions.feedbackManage',
  'channel:manage': 'system.roles.permissions.channelManage',
  'customer:import': 'system.roles.permissions.customerImport',
  'backup:manage': 'system.roles.permissions.backupManage',
  'webhook:manage': 'system.roles.permissions.webhookManage',
} as const satisfies Record<Permission, string>;

const permissionResourceMessages = {
  customer: 'system.roles.resources.customer',
  order: 'system.roles.resources.order',
  settings: 'system.roles.resources.settings',
  custom_field: 'system.roles.resources.custom_field',
  user: 'system.roles.resources.user',
  role: 'system.roles.resources.role',
  team: 'system.roles.resources.team',
  audit: 'system.roles.resources.audit',
  api_key: 'system.roles.resources.api_key',
  security: 'system.roles.resources.security',
  feedback: 'system.roles.resources.feedback',
  channel: 'system.roles.resources.channel',
  backup: 'system.roles.resources.backup',
  webhook: 'system.roles.resources.webhook',
} as const;

const auditActionMessages = {
  create: 'system.audit.actions.create',
  update: 'system.audit.actions.update',
  delete: 'system.audit.actions.delete',
  restore: 'system.audit.actions.restore',
  merge: 'system.audit.actions.merge',
  purge: 'system.audit.actions.purge',
  assign: 'system.audit.actions.assign',
  reveal: 'system.audit.actions.reveal',
  export: 'system.audit.actions.export',
  bulk_view: 'system.audit.actions.bulk_view',
  login: 'system.audit.actions.login',
  login_failed: 'system.audit.actions.login_failed',
  logout: 'system.audit.actions.logout',
  password_change: 'system.audit.actions.password_change',
  password_reset: 'system.audit.actions.password_reset',
  mfa_enable: 'system.audit.actions.mfa_enable',
  mfa_disable: 'system.audit.actions.mfa_disable',
  mfa_reset: 'system.audit.actions.mfa_reset',
  session_revoke: 'system.audit.actions.session_revoke',
  unlock: 'system.audit.actions.unlock',
  handover: 'system.audit.actions.handover',
  wechat_bind: 'system.audit.actions.wechat_bind',
  wechat_unbind: 'system.audit.actions.wechat_unbind',
  note: 'system.audit.actions.note',
  link: 'system.audit.actions.link',
} as const satisfies Record<AuditAction, string>;

const auditResourceMessages = {
  customer: 'system.audit.resources.customer',
  contact: 'system.audit.resources.contact',
  order: 'system.audit.resources.order',
  activity: 'system.audit.resources.activity',
  tag: 'system.audit.resources.tag',
  group: 'system.audit.resources.group',
  level: 'system.audit.resources.level',
  relationship_type: 'system.audit.resources.relationship_type',
  custom_field: 'system.audit.resources.custom_field',
  view: 'system.audit.resources.view',
  user: 'system.audit.resources.user',
  role: 'system.audit.resources.role',
  team: 'system.audit.resources.team',
  api_key: 'system.audit.resources.api_key',
  session: 'system.audit.resources.session',
  security_settings: 'system.audit.resources.security_settings',
  account: 'system.audit.resources.account',
  channel: 'system.audit.resources.channel',
  feedback: 'system.audit.resources.feedback',
  backup: 'system.audit.resources.backup',
  webhook: 'system.audit.resources.webhook',
} as const satisfies Record<AuditResource, string>;

// Field names of the system records' audit diffs (customers' fields are labelled by the timeline's map).
const auditFieldMessages = {
  username: 'system.audit.fields.username',
  displayName: 'system.audit.fields.displayName',
  role: 'system.audit.fields.role',
  roleId: 'system.audit.fields.role',
  team: 'system.audit.fields.team',
  teamId: 'system.audit.fields.team',
  disabled: 'system.audit.fields.disabled',
  description: 'system.audit.fields.description',
  permissions: 'system.audit.fields.permissions',
  scopes: 'system.audit.fields.scopes',
  mfaRequired: 'system.audit.fields.mfaRequired',
  parent: 'system.audit.fields.parent',
  parentId: 'system.audit.fields.parent',
  prefix: 'system.audit.fields.prefix',
  actingUser: 'system.audit.fields.actingUser',
  expiresAt: 'system.audit.fields.expiresAt',
  revokedAt: 'system.audit.fields.revokedAt',
  passwordMinLength: 'system.audit.fields.passwordMinLength',
  passwordExpiryDays: 'system.audit.fields.passwordExpiryDays',
  lockoutThreshold: 'system.audit.fields.lockoutThreshold',
  lockoutBaseSeconds: 'system.audit.fields.lockoutBaseSeconds',
  amount: 'system.audit.fields.amount',
  status: 'system.audit.fields.status',
  orderNo: 'system.audit.fields.orderNo',
  orderedAt: 'system.audit.fields.orderedAt',
  channel: 'system.audit.fields.channel',
  items: 'system.audit.fields.items',
} as const;

function lookup<Messages extends Record<string, string>>(messages: Messages, code: string): Messages[keyof Messages] | null {
  return Object.hasOwn(messages, code) ? messages[code as keyof Messages] : null;
}

export const permissionMessage = (key: string) => lookup(permissionMessages, key);
export const permissionResourceMessage = (resource: string) => lookup(permissionResourceMessages, resource);
export const auditActionMessage = (action: string) => lookup(auditActionMessages, action);
export const auditResourceMessage = (resource: string) => lookup(auditResourceMessages, resource);
export const auditFieldMessage = (field: string) => lookup(auditFieldMessages, field);

/** The audit actions and resources the filters offer, in a reading order. */
export const auditActions = Object.keys(auditActionMessages) as AuditAction[];
export const auditResources = Object.keys(auditResourceMessages) as AuditResource[];
