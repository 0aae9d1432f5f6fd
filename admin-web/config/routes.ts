// Console routes as fixed by docs/contract.md. Every page is loaded lazily by Umi, so the
// login route never pulls in ProTable or the customer forms.
export const routes = [
  { path: '/login', component: './user/login', layout: false },
  { path: '/', redirect: '/customers' },
  {
    path: '/customers',
    name: 'customers',
    icon: 'team',
    component: './customers/list',
    access: 'canUseCustomers',
  },
  { path: '*', component: './exception/404' },
];
