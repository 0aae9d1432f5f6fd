import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests cover the console's pure code (no Umi runtime, no browser); they live beside it as
// *.test.ts files.
export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(__dirname, 'src') },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'src/.umi*/**'],
  },
});
