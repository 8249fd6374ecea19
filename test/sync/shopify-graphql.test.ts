import { describe, expect, it } from 'vitest'
import { ORDERS_PAGE } from '../../sync/channels/shopify/queries.js'
import { execute, GqlFailure, prepare, requestedCost } from '../../sync/simulators/shopify/graphql-exec.js'

const root = {
  __typename: 'QueryRoot',
  shop: { __typename: 'Shop', name: 'Demo', plan: { __typename: 'ShopPlan', displayName: 'Basic' } },
  items: (args: Record<string, unknown>) => ({
    __typename: 'ItemConnection',
    nodes: Array.from({ length: Math.min(Number(args.first), 3) }, (_, i) => ({ __typename: 'Item', id: `i${i}`, price: { __typename: 'MoneyV2', amount: '1.0' } })),
    pageInfo: { __typename: 'PageInfo', hasNextPage: false },
  }),
}

describe('the Shopify simulator GraphQL engine', () => {
  it('returns only what was asked, with aliases, fragments and @include', async () => {
    const prepared = prepare('query Q($with: Boolean!) { s: shop { ...F plan @include(if: $with) { displayName } } } fragment F on Shop { name }', { with: false }, undefined)
    expect((await execute(root, prepared)).data).toEqual({ s: { name: 'Demo' } })
  })

  it('charges Shopify costs: objects 1, connections 2 + first x node, actual by what came back', async () => {
    const prepared = prepare('{ items(first: 10) { nodes { id price { amount } } pageInfo { hasNextPage } } }', {}, undefined)
    expect(requestedCost(prepared)).toBe(2 + 10 * 2)
    expect((await execute(root, prepared)).actualCost).toBe(2 + 3 * 2)
  })

  it('keeps the connector\'s orders page under the single-query limit at its default size', () => {
    const cost = (first: number) => requestedCost(prepare(ORDERS_PAGE, { first, after: null, query: "updated_at:>='2025-01-01T00:00:00Z'" }, 'OrdersPage'))
    expect(cost(18)).toBeLessThanOrEqual(1000)
    expect(cost(19)).toBeGreaterThan(1000)
  })

  it('refuses syntax errors, missing variables and leaf objects without selections', async () => {
    expect(() => prepare('{ shop { name }', {}, undefined)).toThrow(GqlFailure)
    expect(() => prepare('query Q($n: Int!) { items(first: $n) { nodes { id } } }', {}, undefined)).toThrow(/Variable \$n/)
    await expect(execute(root, prepare('{ shop { plan } }', {}, undefined))).rejects.toThrow(/must have selections/)
  })
})
