// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// The WeChat package keeps Taro's default (ES5-level) targets. The H5 page is opened in WeChat's
// built-in browser and current phone browsers, which all run ES2017, so its code is not lowered
// further: async functions and classes stay native and the bundle smaller.
const h5Targets = { chrome: '70', ios: '12' }

module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      targets: process.env.TARO_ENV === 'h5' ? h5Targets : undefined,
    }],
  ],
}
