// The product under test and the people who use it. Passwords are set here, so the tests know them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const port = process.env.E2E_PORT ?? '18765';
export const productUrl = `http://127.0.0.1:${port}`;

export const people = {
  admin: { username: 'admin', password: 'e2e-Admin-pass-2026' },
  manager: { username: 'manager', password: 'e2e-Demo-pass-2026', displayName: '王经理' },
  staff: { username: 'sales1', password: 'e2e-Demo-pass-2026', displayName: '李娜' },
  // 广州天河店, outside the manager's 华东大区.
  sales2: { username: 'sales2', password: 'e2e-Demo-pass-2026', displayName: '张伟' },
} as const;

export const productEnv: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: port,
  DATA_DIR: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp', 'e2e-data'),
  ADMIN_USERNAME: people.admin.username,
  ADMIN_PASSWORD: people.admin.password,
  DEMO_PASSWORD: people.manager.password,
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
  // Every story signs in through the API and the console from one address, faster than any person would.
  AUTH_RATE_LIMIT: '1000',
};
