import type { InitialState } from '@/auth/initialState';
import type { UserRole } from '@/api/types';

// The server decides; these flags only keep the console from offering what the server would refuse.
// They follow the role → permission catalogue in server/src/auth/permissions.ts (the API tells the
// console the role only), so a change there needs the same change here.
const managing: readonly UserRole[] = ['admin', 'manager'];

// Umi's access plugin: every flag the pages and routes may check, derived from the user's role.
export default function access(initialState: InitialState | undefined) {
  const role = initialState?.currentUser?.role;
  const has = (roles: readonly UserRole[]) => role !== undefined && roles.includes(role);
  return {
    isSignedIn: role !== undefined,
    isAdmin: role === 'admin',
    // Admins and managers see every customer; sales staff see the customers they own.
    canSeeAllCustomers: has(managing),
    canUseCustomers: role !== undefined,
    // customer:assign — choose or change who owns a customer.
    canAssignOwner: has(managing),
    // customer:delete — move to the trash, see the trash and restore from it.
    canDeleteCustomers: has(managing),
    // customer:bulk — act on many selected customers at once (deleting or assigning also needs
    // customer:delete or customer:assign).
    canBulkEdit: has(managing),
    // customer:merge
    canMerge: has(managing),
    // customer:force_duplicate — save despite a phone or email that another customer has.
    canForceDuplicate: has(managing),
    // customer:purge — delete from the trash for good.
    canPurge: role === 'admin',
    // settings:write — tags, groups, levels, relationship types.
    canManageSettings: has(managing),
    // custom_fields:write
    canManageCustomFields: role === 'admin',
  };
}

export type AccessFlags = ReturnType<typeof access>;
