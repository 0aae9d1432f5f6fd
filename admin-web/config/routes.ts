// Console routes as fixed by docs/contract.md. Every page is loaded lazily by Umi, so the
// login route never pulls in ProTable, the customer forms or the settings pages.
export const routes = [
  { path: '/login', component: './user/login', layout: false },
  // An expired or reset password is changed here before anything else (outside the layout).
  { path: '/account/password', component: './account/password', layout: false },
  {
    path: '/account/security',
    name: 'accountSecurity',
    component: './account/security',
    access: 'isSignedIn',
    hideInMenu: true,
  },
  {
    path: '/account/sessions',
    name: 'accountSessions',
    component: './account/sessions',
    access: 'isSignedIn',
    hideInMenu: true,
  },
  { path: '/', redirect: '/customers' },
  {
    path: '/customers',
    name: 'customers',
    icon: 'team',
    component: './customers/list',
    access: 'canUseCustomers',
  },
  // Listed before the detail route for readability; the router ranks static segments first anyway.
  {
    path: '/customers/trash',
    name: 'trash',
    component: './customers/trash',
    access: 'canDeleteCustomers',
    hideInMenu: true,
    parentKeys: ['/customers'],
  },
  {
    path: '/customers/:id',
    name: 'customerDetail',
    component: './customers/detail',
    access: 'canUseCustomers',
    hideInMenu: true,
    parentKeys: ['/customers'],
  },
  {
    path: '/feedback',
    name: 'feedback',
    icon: 'message',
    access: 'canReadFeedback',
    routes: [
      { path: '/feedback', name: 'inbox', component: './feedback', access: 'canReadFeedback' },
      { path: '/feedback/stats', name: 'stats', component: './feedback/stats', access: 'canReadFeedback' },
    ],
  },
  {
    path: '/channels',
    name: 'channels',
    icon: 'qrcode',
    component: './channels',
    access: 'canManageChannels',
  },
  // The print card of a channel's QR code, alone on the page so that only the card is printed.
  { path: '/channels/:id/print', component: './channels/print', layout: false, access: 'canManageChannels' },
  {
    path: '/data',
    name: 'data',
    icon: 'swap',
    access: 'canUseData',
    routes: [
      { path: '/data', redirect: '/data/imports' },
      { path: '/data/imports', name: 'imports', component: './data/imports', access: 'canImport' },
      // One import on its way: mapping, validation report, progress and result (survives a reload).
      {
        path: '/data/imports/:id',
        name: 'importDetail',
        component: './data/imports/detail',
        access: 'canImport',
        hideInMenu: true,
        parentKeys: ['/data/imports'],
      },
      { path: '/data/exports', name: 'exports', component: './data/exports', access: 'canExport' },
    ],
  },
  {
    path: '/settings',
    name: 'settings',
    icon: 'setting',
    access: 'canManageSettings',
    routes: [
      { path: '/settings', redirect: '/settings/tags' },
      { path: '/settings/tags', name: 'tags', component: './settings/tags', access: 'canManageSettings' },
      {
        path: '/settings/groups',
        name: 'groups',
        component: './settings/groups',
        access: 'canManageSettings',
      },
      {
        path: '/settings/levels',
        name: 'levels',
        component: './settings/levels',
        access: 'canManageSettings',
      },
      {
        path: '/settings/relationship-types',
        name: 'relationshipTypes',
        component: './settings/relationship-types',
        access: 'canManageSettings',
      },
      {
        path: '/settings/custom-fields',
        name: 'customFields',
        component: './settings/custom-fields',
        access: 'canManageCustomFields',
      },
    ],
  },
  {
    path: '/system',
    name: 'system',
    icon: 'safety',
    access: 'canUseSystem',
    routes: [
      { path: '/system', component: './system', access: 'canUseSystem' },
      { path: '/system/users', name: 'users', component: './system/users', access: 'canManageUsers' },
      { path: '/system/roles', name: 'roles', component: './system/roles', access: 'canManageRoles' },
      { path: '/system/teams', name: 'teams', component: './system/teams', access: 'canManageTeams' },
      { path: '/system/audit', name: 'audit', component: './system/audit', access: 'canReadAudit' },
      { path: '/system/api-keys', name: 'apiKeys', component: './system/api-keys', access: 'canManageApiKeys' },
      { path: '/system/security', name: 'security', component: './system/security', access: 'canManageSecurity' },
      { path: '/system/backups', name: 'backups', component: './system/backups', access: 'canManageBackups' },
      { path: '/system/webhooks', name: 'webhooks', component: './system/webhooks', access: 'canManageWebhooks' },
    ],
  },
  { path: '*', component: './exception/404' },
];
