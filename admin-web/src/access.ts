import type { InitialState } from '@/auth/initialState';

// Umi's access plugin: every flag the pages and routes may check, derived from the user's role.
export default function access(initialState: InitialState | undefined) {
  const role = initialState?.currentUser?.role;
  return {
    isSignedIn: role !== undefined,
    isAdmin: role === 'admin',
    // Admins and managers see every customer and may hand customers to other staff.
    canSeeAllCustomers: role === 'admin' || role === 'manager',
    canUseCustomers: role !== undefined,
  };
}
