import { withDatabaseClient, type TestServer } from '../../test/support.js'
import type { CustomerDto, CustomerListItemDto, RevealedContactsDto, TrashedCustomerDto } from './customers.schemas.js'

export interface ErrorBody {
  code: string
  message: string
  details: { field: string; message: string; existingCustomerId?: string }[]
  current?: CustomerDto
}

export type CustomerResponse = CustomerDto & ErrorBody
export interface CustomerListBody extends ErrorBody {
  items: CustomerListItemDto[]
  total: number
  totalIsEstimate: boolean
  nextCursor: string | null
}
export interface TrashListBody extends ErrorBody {
  items: TrashedCustomerDto[]
  total: number
}

/** Typed shortcuts for the customer endpoints, as the console would call them. */
export const customerClient = (server: TestServer) => ({
  create: (token: string, body: unknown, language?: string) =>
    server.api.post<CustomerResponse>('/api/customers', { token, body, ...(language === undefined ? {} : { language }) }),
  get: (token: string, id: string) => server.api.get<CustomerResponse>(`/api/customers/${id}`, { token }),
  patch: (token: string, id: string, body: unknown) => server.api.patch<CustomerResponse>(`/api/customers/${id}`, { token, body }),
  remove: (token: string, id: string) => server.api.delete<ErrorBody>(`/api/customers/${id}`, { token }),
  list: (token: string, query = '') => server.api.get<CustomerListBody>(`/api/customers${query}`, { token }),
  duplicates: (token: string, query: string) =>
    server.api.get<{ matches: { customerId: string; name: string | null; field: string }[] } & ErrorBody>(`/api/customers/duplicates${query}`, { token }),
  trash: (token: string, query = '') => server.api.get<TrashListBody>(`/api/trash/customers${query}`, { token }),
  restore: (token: string, id: string) => server.api.post<CustomerResponse>(`/api/customers/${id}/restore`, { token }),
  purge: (token: string, id: string) => server.api.delete<ErrorBody>(`/api/trash/customers/${id}`, { token }),
  merge: (token: string, body: unknown) => server.api.post<CustomerResponse>('/api/customers/merge', { token, body }),
  bulk: (token: string, body: unknown) => server.api.post<{ affected: number } & ErrorBody>('/api/customers/bulk', { token, body }),
  reveal: (token: string, id: string) => server.api.post<RevealedContactsDto & ErrorBody>(`/api/customers/${id}/reveal`, { token }),
})

export interface Staff {
  admin: string
  manager: string
  sales1: string
  sales2: string
  ids: { admin: string; manager: string; sales1: string; sales2: string }
}

/** Tokens and user ids of the seeded staff. */
export const signInStaff = async (server: TestServer): Promise<Staff> => {
  const [admin, manager, sales1, sales2] = await Promise.all(['admin', 'manager', 'sales1', 'sales2'].map((name) => server.login(name)))
  const idOf = async (token: string | undefined) => (await server.api.get<{ id: string }>('/api/me', { token })).body.id
  const tokens = { admin: admin!, manager: manager!, sales1: sales1!, sales2: sales2! }
  return {
    ...tokens,
    ids: {
      admin: await idOf(tokens.admin),
      manager: await idOf(tokens.manager),
      sales1: await idOf(tokens.sales1),
      sales2: await idOf(tokens.sales2),
    },
  }
}

let counter = 0
/** A mainland mobile number no demo customer has (the demo ones are random; 170 is not among their prefixes). */
export const freshMobile = (): string => {
  counter += 1
  return `170${String(process.pid % 10_000).padStart(4, '0')}${String(counter).padStart(4, '0')}`
}

/**
 * Adds staff straight into the database, for a test database without demo data or a role the demo has no
 * user for. They share the admin's password and sit in the root team (总部) unless a team is named.
 */
export const insertStaff = async (
  server: TestServer,
  people: { username: string; displayName: string; role: 'manager' | 'sales' | 'service' | 'viewer'; team?: string }[],
): Promise<void> => {
  await withDatabaseClient(server.database.url, async (client) => {
    const hash = (await client.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'admin'")).rows[0]?.password_hash
    for (const person of people) {
      await client.query(
        `INSERT INTO users (id, username, password_hash, display_name, role_id, team_id, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, (SELECT id FROM roles WHERE key = $4),
           COALESCE((SELECT id FROM teams WHERE name = $5), (SELECT id FROM teams WHERE parent_id IS NULL)), now())`,
        [person.username, hash, person.displayName, person.role, person.team ?? null],
      )
    }
  })
}
