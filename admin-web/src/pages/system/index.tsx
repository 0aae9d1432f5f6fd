import { Navigate, useAccess } from '@umijs/max';
import React from 'react';
import type { AccessFlags } from '@/access';

// /system opens the first of its pages the role may use (a manager may only read the audit log).
const pages: { path: string; flag: keyof AccessFlags }[] = [
  { path: '/system/users', flag: 'canManageUsers' },
  { path: '/system/roles', flag: 'canManageRoles' },
  { path: '/system/teams', flag: 'canManageTeams' },
  { path: '/system/audit', flag: 'canReadAudit' },
  { path: '/system/api-keys', flag: 'canManageApiKeys' },
  { path: '/system/security', flag: 'canManageSecurity' },
  { path: '/system/backups', flag: 'canManageBackups' },
  { path: '/system/webhooks', flag: 'canManageWebhooks' },
];

export default function SystemIndexPage() {
  const access = useAccess();
  const first = pages.find((page) => access[page.flag]);
  return <Navigate to={first?.path ?? '/'} replace />;
}
