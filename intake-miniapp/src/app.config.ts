export default defineAppConfig({
  pages: ['pages/login/index', 'pages/register/index', 'pages/success/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '客知',
    navigationBarTextStyle: 'black',
  },
})
