-- Sales: one order book for every channel (a till sale is an order with channel 'store'),
-- its lines, payments, customers, vouchers, and the till side (tills, sessions, cash,
-- voids, parked baskets, Z reports). Money is BIGINT minor units; instants are UTC
-- TIMESTAMPs; business days are DATEs in the store's time zone. Ids are UUIDs or our own
-- counters: no sequences (backups restore rows by value).
--
-- Built to be extended by the orders issue: `orders.channel` / `channel_order_id` hold a
-- web or marketplace order's identity, `status` grows (pending, allocated, picked, packed,
-- shipped, cancelled, refunded…), addresses hang off `customers`, and `order_lines` gains
-- allocation and fulfilment columns.

CREATE TABLE customers (
  id VARCHAR PRIMARY KEY,            -- uuid
  name VARCHAR,
  email VARCHAR,                     -- lower-cased
  phone VARCHAR,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX customers_email ON customers (email);

CREATE TABLE orders (
  id VARCHAR PRIMARY KEY,            -- uuid
  channel VARCHAR NOT NULL,          -- store | shopify | woocommerce | amazon | ebay | …
  channel_order_id VARCHAR,          -- the channel's own id; null for store sales
  number VARCHAR NOT NULL,           -- store: receipt number S-01-000123; channels: their order name
  status VARCHAR NOT NULL,           -- store sales are 'completed' when written
  placed_at TIMESTAMP NOT NULL,
  business_day DATE,                 -- store: the till session's business day (its Z report)
  customer_id VARCHAR,
  currency VARCHAR NOT NULL DEFAULT 'GBP',
  gross_minor BIGINT NOT NULL,       -- Σ line gross before discounts (VAT-inclusive)
  discount_minor BIGINT NOT NULL,    -- Σ line and basket discounts
  total_minor BIGINT NOT NULL,       -- what the customer pays
  vat_minor BIGINT NOT NULL,
  paid_minor BIGINT NOT NULL,        -- Σ tenders as handed over
  change_minor BIGINT NOT NULL,
  discounts JSON,                    -- basket discounts as applied: [{kind, percentBp?, amountMinor, reason}]
  till_id VARCHAR,
  till_session_id VARCHAR,
  station VARCHAR,
  staff_id VARCHAR,
  approved_by VARCHAR,               -- manager who approved discounts / overrides
  note VARCHAR,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX orders_number ON orders (number);
CREATE INDEX orders_till_session ON orders (till_session_id);

CREATE TABLE order_lines (
  order_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,          -- 1-based, in the order the till sent them
  kind VARCHAR NOT NULL,             -- goods | gift_card
  sku VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  barcode VARCHAR,                   -- as scanned, when scanned
  quantity BIGINT NOT NULL,
  weight_grams INTEGER,              -- weighed items (weight-embedded labels)
  price_per_kg_minor BIGINT,
  list_unit_price_minor BIGINT NOT NULL,
  unit_price_minor BIGINT NOT NULL,  -- charged: the override's when there is one
  override_reason VARCHAR,
  gross_minor BIGINT NOT NULL,
  line_discount_minor BIGINT NOT NULL,
  line_discount_reason VARCHAR,
  basket_discount_minor BIGINT NOT NULL,
  total_minor BIGINT NOT NULL,
  vat_rate_bp INTEGER,               -- null: outside the scope of VAT (gift cards)
  vat_minor BIGINT NOT NULL,
  location VARCHAR,                  -- stock location the goods left
  voucher_code VARCHAR               -- gift card issued by this line
);
-- Single-column indexes only: DuckDB uses an ART index for a one-column equality, so a
-- composite key would cost on every insert and still scan on `WHERE order_id = ?`.
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE payments (
  order_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,              -- 1-based, in tender order
  method VARCHAR NOT NULL,           -- cash | card | voucher (channels: their gateway)
  amount_minor BIGINT NOT NULL,      -- as handed over (cash may exceed what was due); negative for refunds
  applied_minor BIGINT NOT NULL,     -- towards the order: cash less change
  reference VARCHAR,                 -- card terminal reference; voucher code
  till_session_id VARCHAR,
  occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_till_session ON payments (till_session_id);

CREATE TABLE vouchers (
  code VARCHAR PRIMARY KEY,          -- 16 characters of Crockford base 32, canonical (no dashes)
  kind VARCHAR NOT NULL,             -- gift_card | store_credit
  initial_minor BIGINT NOT NULL,
  balance_minor BIGINT NOT NULL,
  issued_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP,              -- null: never expires
  order_id VARCHAR,                  -- the sale that sold it (gift cards)
  issued_by VARCHAR,
  reason VARCHAR
);

CREATE TABLE voucher_movements (
  id VARCHAR NOT NULL,               -- uuid
  code VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  kind VARCHAR NOT NULL,             -- issue | redeem | refund
  amount_minor BIGINT NOT NULL,      -- signed change of balance
  balance_after_minor BIGINT NOT NULL,
  order_id VARCHAR,
  staff_id VARCHAR,
  station VARCHAR
);
CREATE INDEX voucher_movements_code ON voucher_movements (code);

CREATE TABLE tills (
  id VARCHAR PRIMARY KEY,            -- till-1
  name VARCHAR NOT NULL,
  number INTEGER NOT NULL,           -- 1–99, printed in receipt numbers
  location VARCHAR NOT NULL,         -- the stock location its sales take from
  receipt_seq BIGINT NOT NULL DEFAULT 0,  -- last receipt number used
  z_count INTEGER NOT NULL DEFAULT 0,     -- last Z report number
  session_id VARCHAR,                -- the open session; null while closed
  active BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE till_sessions (
  id VARCHAR PRIMARY KEY,            -- uuid
  till_id VARCHAR NOT NULL,
  business_day DATE NOT NULL,
  opened_at TIMESTAMP NOT NULL,
  opened_by VARCHAR NOT NULL,
  float_minor BIGINT NOT NULL,
  closed_at TIMESTAMP,
  closed_by VARCHAR,
  expected_cash_minor BIGINT,
  counted_cash_minor BIGINT,
  counted_denominations JSON,        -- {"2000": 3, "100": 7}
  approved_by VARCHAR                -- manager who accepted a discrepancy over the threshold
);
CREATE INDEX till_sessions_till ON till_sessions (till_id);

CREATE TABLE cash_movements (
  id VARCHAR PRIMARY KEY,            -- uuid
  till_session_id VARCHAR NOT NULL,
  till_id VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  kind VARCHAR NOT NULL,             -- paid_in | paid_out | bank_drop (sales' cash is in payments)
  amount_minor BIGINT NOT NULL,      -- signed change of cash in the drawer
  reason VARCHAR NOT NULL,
  staff_id VARCHAR,
  station VARCHAR
);
CREATE INDEX cash_movements_session ON cash_movements (till_session_id);

CREATE TABLE till_voids (
  id VARCHAR PRIMARY KEY,            -- uuid
  till_session_id VARCHAR,
  till_id VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  scope VARCHAR NOT NULL,            -- line | basket
  amount_minor BIGINT NOT NULL,      -- value taken off the basket
  reason VARCHAR NOT NULL,
  lines JSON NOT NULL,               -- [{sku, name, quantity, totalMinor}]
  staff_id VARCHAR,
  station VARCHAR
);
CREATE INDEX till_voids_session ON till_voids (till_session_id);

CREATE TABLE parked_baskets (
  id VARCHAR PRIMARY KEY,            -- uuid
  parked_at TIMESTAMP NOT NULL,
  till_id VARCHAR NOT NULL,
  staff_id VARCHAR,
  station VARCHAR,
  label VARCHAR,
  basket JSON NOT NULL,              -- the sale request's lines, discounts and customer
  line_count INTEGER NOT NULL,
  total_minor BIGINT NOT NULL,
  recalled_at TIMESTAMP,
  recalled_by VARCHAR,
  recalled_till VARCHAR
);

CREATE TABLE z_reports (
  id VARCHAR PRIMARY KEY,            -- uuid
  till_id VARCHAR NOT NULL,
  z_number INTEGER NOT NULL,
  till_session_id VARCHAR NOT NULL,
  business_day DATE NOT NULL,
  created_at TIMESTAMP NOT NULL,
  staff_id VARCHAR,
  report JSON NOT NULL
);
CREATE INDEX z_reports_till ON z_reports (till_id);
