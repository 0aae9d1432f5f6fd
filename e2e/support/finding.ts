// Records the search stories look for, made through the public API as the person who owns them.
import { expect, type APIRequestContext } from '@playwright/test';
import { signInToApi } from './api';

interface Person {
  username: string;
  password: string;
}

type Headers = Awaited<ReturnType<typeof signInToApi>>;

/** One signed-in API session, so a story setting up several records signs in once. */
export async function apiAs(request: APIRequestContext, person: Person) {
  const headers: Headers = await signInToApi(request, person);

  async function post<T>(url: string, data: unknown): Promise<T> {
    const response = await request.post(url, { headers, data });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as T;
  }

  return {
    createTag: (name: string) => post<{ id: string; name: string }>('/api/tags', { name }),

    createCustomer: (customer: { name: string; phone: string; company?: string; tagIds?: string[] }) =>
      post<{ id: string; name: string }>('/api/customers', {
        name: customer.name,
        company: customer.company,
        phones: [{ type: 'mobile', number: customer.phone }],
        tagIds: customer.tagIds ?? [],
      }),

    /** A completed order of one line, which moves the customer's total spent and order count. */
    addOrder: (customerId: string, amount: string) =>
      post<{ id: string }>(`/api/customers/${customerId}/orders`, {
        items: [{ product: '测试商品', quantity: 1, unitPrice: amount }],
      }),
  };
}
