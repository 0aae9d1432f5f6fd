import type { Prisma } from '../../generated/prisma/client.js'

/** Anything that can run raw SQL: the client itself or the transaction of the write that triggers this. */
export type SqlRunner = Pick<Prisma.TransactionClient, '$executeRaw'>

/**
 * Recomputes every derived column of one customer from its live rows: orderCount, totalSpent,
 * averageOrderValue, firstPurchaseAt, lastPurchaseAt and purchaseFrequencyDays from its paid and completed
 * orders, and lastContactAt from its activities.
 *
 * Call it inside the transaction of every write that can move them (order and activity writes, merges,
 * restores): computed in one SQL statement from the rows themselves, the result cannot drift from the data
 * the way incremental bookkeeping does. It neither bumps `version` nor `updated_at`, because derived values
 * changing must not make a colleague's open edit form stale.
 */
export const recomputeCustomerMetrics = async (tx: SqlRunner, customerId: string): Promise<void> => {
  // Two writes for one customer take turns here. Under READ COMMITTED the UPDATE below then starts with a
  // snapshot that includes the other transaction's committed rows; without the lock each could compute from
  // a snapshot missing the other's order and the last one to commit would store a stale total. NO KEY UPDATE,
  // not UPDATE: the foreign keys of the rows just written hold KEY SHARE locks on the customer, which a plain
  // FOR UPDATE would wait for, deadlocking two such writers.
  await tx.$executeRaw`SELECT 1 FROM customers WHERE id = ${customerId}::uuid FOR NO KEY UPDATE`
  await tx.$executeRaw`
    UPDATE customers AS c SET
      order_count = m.order_count,
      total_spent = m.total_spent,
      average_order_value = m.average_order_value,
      first_purchase_at = m.first_purchase_at,
      last_purchase_at = m.last_purchase_at,
      purchase_frequency_days = m.purchase_frequency_days,
      last_contact_at = (
        SELECT max(a.occurred_at) FROM activities AS a WHERE a.customer_id = c.id AND a.deleted_at IS NULL
      )
    FROM (
      SELECT
        count(*)::int AS order_count,
        coalesce(sum(o.amount), 0) AS total_spent,
        round(avg(o.amount), 2) AS average_order_value,
        min(o.ordered_at) AS first_purchase_at,
        max(o.ordered_at) AS last_purchase_at,
        -- n purchases have n - 1 gaps between them; one purchase has none.
        CASE WHEN count(*) >= 2
          THEN round((extract(epoch FROM max(o.ordered_at) - min(o.ordered_at)) / 86400 / (count(*) - 1))::numeric, 1)::float8
        END AS purchase_frequency_days
      FROM orders AS o
      WHERE o.customer_id = ${customerId}::uuid AND o.deleted_at IS NULL AND o.status IN ('paid', 'completed')
    ) AS m
    WHERE c.id = ${customerId}::uuid`
}
