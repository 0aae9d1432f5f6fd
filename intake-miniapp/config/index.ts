import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import developmentConfig from './dev'
import productionConfig from './prod'

// The WeChat package cannot call a relative URL, so its API origin is fixed at build time.
// H5 is served by the API server itself and always calls the same origin.
const weappApiBaseUrl = process.env.API_BASE_URL ?? 'http://127.0.0.1:8080'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'kezhi-intake',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(process.env.TARO_ENV === 'h5' ? '' : weappApiBaseUrl),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/m/',
      staticDirectory: 'static',
      // The React implementations of View/Input/Button/Picker are far lighter than the Web Components
      // library, and Picker's region mode on H5 only exists there.
      useHtmlComponents: true,
      router: {
        mode: 'browser',
        basename: '/m',
        customRoutes: {
          '/pages/login/index': '/login',
          '/pages/register/index': '/register',
          '/pages/success/index': '/success',
          '/pages/registrations/index': '/registrations',
          '/pages/edit/index': '/edit',
          '/pages/account/index': '/account',
          '/pages/feedback/index': '/feedback',
          '/pages/join/index': '/join',
          '/pages/thanks/index': '/thanks',
        },
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, developmentConfig)
  }
  return merge({}, baseConfig, productionConfig)
})
