// Sets up what a story needs but is not about, through the same public API the console uses.
import { expect, type APIRequestContext } from '@playwright/test';

interface Person {
  username: string;
  password: string;
}

export async function signInToApi(request: APIRequestContext, person: Person) {
  const response = await request.post('/api/auth/login', { data: { username: person.username, password: person.password } });
  expect(response.status()).toBe(200);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

export async function createCustomerThroughApi(
  request: APIRequestContext,
  person: Person,
  customer: { name: string; phone: string; email?: string; company?: string },
) {
  const headers = await signInToApi(request, person);
  const response = await request.post('/api/customers', {
    headers,
    data: {
      name: customer.name,
      company: customer.company,
      phones: [{ type: 'mobile', number: customer.phone }],
      emails: customer.email ? [{ address: customer.email }] : [],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}
