import type { CustomerListQuery, DuplicateQuery } from '@/api/types';

// One place for the cache keys, so that invalidation after a change reaches every cached list,
// page and search. Keys are prefixes of each other where a change to one must refresh the other.

export interface PageParams {
  page: number;
  pageSize: number;
}

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  /** One list (every page loaded of it): its query without the cursor. */
  list: (params: Omit<CustomerListQuery, 'cursor'>) => [...customerKeys.lists(), params] as const,
  // The sources in use change as customers are saved, and differ by the caller's data scope.
  sources: () => [...customerKeys.all, 'sources'] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  // Everything about one customer sits under its detail key: a write that changes the record
  // (an order moves its metrics, an edit adds a timeline entry) refreshes it all in one call.
  detail: (id: string) => [...customerKeys.details(), id] as const,
  contacts: (id: string) => [...customerKeys.detail(id), 'contacts'] as const,
  orders: (id: string) => [...customerKeys.detail(id), 'orders'] as const,
  orderPage: (id: string, params: PageParams) => [...customerKeys.orders(id), params] as const,
  timeline: (id: string) => [...customerKeys.detail(id), 'timeline'] as const,
  duplicates: (query: DuplicateQuery) => [...customerKeys.all, 'duplicates', query] as const,
  /** The customer search of a picker (linking a feedback to a customer). */
  picker: (keyword: string) => [...customerKeys.lists(), 'picker', keyword] as const,
  trash: () => [...customerKeys.all, 'trash'] as const,
  trashPage: (params: PageParams) => [...customerKeys.trash(), params] as const,
};

// Reference data read by forms and filters everywhere and written on the settings pages.
export const referenceKeys = {
  tags: ['tags'] as const,
  groups: ['groups'] as const,
  levels: ['customer-levels'] as const,
  relationshipTypes: ['relationship-types'] as const,
  customFields: ['custom-fields'] as const,
  users: ['users'] as const,
};

// Saved views of the customer list: the caller's own and those shared with them, one list.
export const customerViewKeys = {
  all: ['customer-views'] as const,
};

export const preferenceKeys = {
  all: ['preferences'] as const,
  detail: (key: string) => [...preferenceKeys.all, key] as const,
};

// 系统管理: users, roles, teams, API keys, security settings and the audit log.
export const systemKeys = {
  permissions: ['permissions'] as const,
  roles: ['roles'] as const,
  // Teams are read by everyone signed in (pickers); written on the teams page.
  teams: ['teams'] as const,
  // The administrators' view of users; `referenceKeys.users` is the staff picker list.
  managedUsers: ['admin-users'] as const,
  apiKeys: ['api-keys'] as const,
  securitySettings: ['security-settings'] as const,
};

// The signed-in person's own account: two-factor status and live sessions.
export const accountKeys = {
  all: ['me'] as const,
  mfa: () => [...accountKeys.all, 'mfa'] as const,
  sessions: () => [...accountKeys.all, 'sessions'] as const,
};

export const auditKeys = {
  all: ['audit-logs'] as const,
  /** One filtered log (every page loaded of it): its filters without the cursor. */
  list: (filters: object) => [...auditKeys.all, filters] as const,
};

// QR channels (written on the channels page) and the feedback inbox.
export const channelKeys = {
  all: ['channels'] as const,
  detail: (id: string) => [...channelKeys.all, 'detail', id] as const,
};

export const feedbackKeys = {
  all: ['feedback'] as const,
  lists: () => [...feedbackKeys.all, 'list'] as const,
  /** One filtered inbox (every page loaded of it): its filters without the cursor. */
  list: (filters: object) => [...feedbackKeys.lists(), filters] as const,
  detail: (id: string) => [...feedbackKeys.all, 'detail', id] as const,
  stats: (query: object) => [...feedbackKeys.all, 'stats', query] as const,
};
