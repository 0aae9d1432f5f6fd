import { defineConfig } from '@umijs/max';
import zhCN from '../src/locales/zh-CN.json';
import { routes } from './routes';

export default defineConfig({
  routes,
  outputPath: 'dist',
  publicPath: '/',
  history: { type: 'browser' },
  hash: true,
  // The HTML title before any script runs; the app retitles pages in the chosen language.
  title: zhCN.app.name,
  favicons: ['/favicon.svg'],
  // Without it `max build` stops on "Found conflicts in esbuild helpers".
  esbuildMinifyIIFE: true,
  // Umi's default imports all of core-js, proposals included, into the entry chunk that every
  // first visit (the login page) waits for; stable features missing in the targets are enough.
  polyfill: { imports: ['core-js/stable'] },
  // `max dev` only: the API runs as its own process (`pnpm dev` at the root starts both).
  proxy: {
    '/api': { target: process.env.KEZHI_API_URL ?? 'http://127.0.0.1:8080', changeOrigin: true },
  },
  model: {},
  initialState: {},
  access: {},
  layout: {
    title: zhCN.app.name,
    locale: true,
  },
});
