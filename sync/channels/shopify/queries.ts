/**
 * The GraphQL documents the Shopify connector sends (Admin API 2026-04). Page sizes are
 * chosen so each query's *requested* cost stays under Shopify's 1000-point single-query
 * limit: an order in ORDERS_PAGE costs 55 points requested (18 fit in one query) and
 * about 31 actual for two lines.
 * Orders with more than 5 lines or any refund are re-read with ORDER (which asks for more).
 */

const ORDER_FIELDS = `
  id name createdAt updatedAt cancelledAt cancelReason
  displayFinancialStatus displayFulfillmentStatus
  currencyCode taxesIncluded email phone
  shippingAddress { name company address1 address2 city province zip countryCodeV2 phone }
  totalPriceSet { shopMoney { amount currencyCode } }
  totalTaxSet { shopMoney { amount currencyCode } }
  totalShippingPriceSet { shopMoney { amount currencyCode } }
  totalDiscountsSet { shopMoney { amount currencyCode } }
  totalRefundedSet { shopMoney { amount currencyCode } }
  shippingLine { title }`

const LINE_FIELDS = `
  id sku title quantity
  originalUnitPriceSet { shopMoney { amount currencyCode } }
  totalDiscountSet { shopMoney { amount currencyCode } }
  taxLines { priceSet { shopMoney { amount currencyCode } } }`

/** Lines per order in the bulk page; more are fetched per order. */
export const PAGE_LINE_ITEMS = 5

export const ORDERS_PAGE = `
query OrdersPage($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    nodes {
      ${ORDER_FIELDS}
      lineItems(first: ${PAGE_LINE_ITEMS}) { nodes { ${LINE_FIELDS} } pageInfo { hasNextPage } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`

export const ORDER = `
query Order($id: ID!) {
  order(id: $id) {
    ${ORDER_FIELDS}
    lineItems(first: 50) { nodes { ${LINE_FIELDS} } pageInfo { hasNextPage endCursor } }
    refunds(first: 5) {
      id createdAt
      totalRefundedSet { shopMoney { amount currencyCode } }
      refundLineItems(first: 20) { nodes { quantity lineItem { id } } }
    }
  }
}`

export const ORDER_LINES = `
query OrderLines($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 100, after: $after) { nodes { ${LINE_FIELDS} } pageInfo { hasNextPage endCursor } }
  }
}`

export const SHOP = `query Shop { shop { name currencyCode myshopifyDomain } locations(first: 1) { nodes { id } } }`

export const VARIANTS_BY_SKU = `
query VariantsBySku($query: String!, $first: Int!, $locationId: ID!) {
  productVariants(first: $first, query: $query) {
    nodes {
      sku
      inventoryItem { id inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } }
    }
  }
}`

export const SET_QUANTITIES = `
mutation SetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { changes { name quantityAfterChange item { id } } }
    userErrors { field message code }
  }
}`

export const FULFILMENT_STATE = `
query FulfilmentState($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 20) { id trackingInfo { number } }
    fulfillmentOrders(first: 5) {
      nodes { id status lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } } }
    }
  }
}`

export const FULFILLMENT_CREATE = `
mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}`

export const ORDER_TRANSACTIONS = `
query OrderTransactions($id: ID!) {
  order(id: $id) { id transactions(first: 10) { id kind status gateway } }
  locations(first: 1) { nodes { id } }
}`

export const REFUND_CREATE = `
mutation RefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) {
    refund { id }
    userErrors { field message }
  }
}`
