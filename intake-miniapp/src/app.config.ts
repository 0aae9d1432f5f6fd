export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/register/index',
    'pages/success/index',
    'pages/registrations/index',
    'pages/edit/index',
    'pages/account/index',
    'pages/feedback/index',
    'pages/join/index',
    'pages/thanks/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '客知',
    navigationBarTextStyle: 'black',
  },
})
