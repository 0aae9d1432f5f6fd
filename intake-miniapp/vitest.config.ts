import { defineConfig } from 'vitest/config'

export default defineConfig({
  define: {
    // Taro injects this at build time (config/index.ts); the tests call the API on the same origin.
    API_BASE_URL: JSON.stringify(''),
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The WeChat compile test may first build the package, which takes about ten seconds.
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
})
