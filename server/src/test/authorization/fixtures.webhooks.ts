import type { Fixture } from './fixtures.js'
import { inOnly } from './fixture-helpers.js'
import type { World } from './world.js'

/** A subscription of its own for each call (a delete or rotation leaves no trace on the next one). */
const subscription = (world: World) =>
  world.adminCall<{ id: string }>('post', '/api/webhooks', {
    name: world.unique('钩子'),
    // Nothing listens there: the test deliveries simply fail, which no fixture minds.
    url: 'http://127.0.0.1:9/kezhi-hook',
    events: ['customer.created'],
  })

/** Authorisation-test fixtures of the webhooks operations (by operationId). */
export const webhooksFixtures: Record<string, Fixture> = {
  listWebhooks: inOnly(() => ({})),
  createWebhook: inOnly(({ world }) => ({
    body: { name: world.unique('钩子'), url: 'http://127.0.0.1:9/kezhi-hook', events: ['order.created'] },
  })),
  listWebhookEvents: inOnly(() => ({})),
  updateWebhook: inOnly(async ({ world }) => ({ path: { id: (await subscription(world)).id }, body: { active: false } })),
  deleteWebhook: inOnly(async ({ world }) => ({ path: { id: (await subscription(world)).id } })),
  rotateWebhookSecret: inOnly(async ({ world }) => ({ path: { id: (await subscription(world)).id } })),
  testWebhook: inOnly(async ({ world }) => ({ path: { id: (await subscription(world)).id } })),
  listWebhookDeliveries: inOnly(async ({ world }) => ({ path: { id: (await subscription(world)).id }, query: { limit: '10' } })),
  replayWebhookDelivery: inOnly(async ({ world }) => {
    const { id } = await subscription(world)
    const delivery = await world.adminCall<{ id: string }>('post', `/api/webhooks/${id}/test`)
    return { path: { id: delivery.id } }
  }),
}
