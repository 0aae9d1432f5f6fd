import type { InitialState } from '@/auth/initialState';
import type { Permission } from '@/api/types';

// The server decides; these flags only keep the console from offering what the server would refuse.
// Every flag reads the permissions the server sent with the user (GET /api/me), so a custom role an
// administrator builds in the permission matrix shows exactly the pages and buttons it grants.
export default function access(initialState: InitialState | undefined) {
  const user = initialState?.currentUser;
  const granted = new Set<string>(user?.permissions ?? []);
  const has = (permission: Permission) => granted.has(permission);
  return {
    isSignedIn: user !== undefined,
    // Only for what the server ties to the built-in admin role itself (taking down someone's shared view).
    isAdmin: user?.role === 'admin',
    // Data scope of customers: `all` may filter by any owner; `own` sees only their customers.
    canSeeAllCustomers: user?.scopes.customer === 'all',
    // Managers (team scope) may still pick an owner among the staff they reach.
    canSeeTeamCustomers: user !== undefined && user.scopes.customer !== 'own',
    canUseCustomers: has('customer:read'),
    canCreateCustomers: has('customer:create'),
    canEditCustomers: has('customer:update'),
    // customer:delete — move to the trash, see the trash and restore from it.
    canDeleteCustomers: has('customer:delete'),
    // customer:assign — choose or change who owns a customer.
    canAssignOwner: has('customer:assign'),
    // customer:bulk — act on many selected customers at once (deleting or assigning also needs
    // customer:delete or customer:assign).
    canBulkEdit: has('customer:bulk'),
    canMerge: has('customer:merge'),
    // customer:force_duplicate — save despite a phone or email that another customer has.
    canForceDuplicate: has('customer:force_duplicate'),
    // customer:purge — delete from the trash for good.
    canPurge: has('customer:purge'),
    // customer:reveal_phone — show full phones and emails (each reveal is audited).
    canRevealPhone: has('customer:reveal_phone'),
    // order:update_amount — change amounts and item prices of a recorded order.
    canUpdateOrderAmount: has('order:update_amount'),
    // customer:export — export a filtered list (CSV, XLSX, JSON); each export is audited.
    canExport: has('customer:export'),
    // customer:import — the import wizard (customers, contacts, orders).
    canImport: has('customer:import'),
    // backup:manage — the backups page: make and download backups.
    canManageBackups: has('backup:manage'),
    // webhook:manage — webhook subscriptions, their delivery log and replays.
    canManageWebhooks: has('webhook:manage'),
    // settings:manage — tags, groups, levels, relationship types.
    canManageSettings: has('settings:manage'),
    canManageCustomFields: has('custom_field:manage'),
    canManageUsers: has('user:manage'),
    canManageRoles: has('role:manage'),
    canManageTeams: has('team:manage'),
    canReadAudit: has('audit:read'),
    canManageApiKeys: has('api_key:manage'),
    canManageSecurity: has('security:manage'),
    // feedback:read — the inbox, a feedback's detail and photos, and the CSAT / NPS figures (within the feedback scope).
    canReadFeedback: has('feedback:read'),
    // feedback:manage — assign, change the status, add notes and reply records, link a customer.
    canManageFeedback: has('feedback:manage'),
    // channel:manage — the QR channels page: create, print, reissue, disable and delete channels.
    canManageChannels: has('channel:manage'),
    // The 数据 menu (imports, exports) shows when either page does.
    canUseData: has('customer:import') || has('customer:export'),
    // The 系统管理 menu shows when any of its pages does.
    canUseSystem: ['user:manage', 'role:manage', 'team:manage', 'audit:read', 'api_key:manage', 'security:manage', 'backup:manage', 'webhook:manage'].some(
      (permission) => granted.has(permission),
    ),
  };
}

export type AccessFlags = ReturnType<typeof access>;
