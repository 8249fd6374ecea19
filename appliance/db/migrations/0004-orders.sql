-- Orders and returns: one order book for every channel (till sales, phone and manual orders,
-- Shopify, WooCommerce, Amazon, eBay), allocation, despatch deadlines, shipments, returns,
-- refunds, the timeline, tags, notes, saved views, notifications and the sync outbox.
--
-- The sale tables of 0002 are extended with ALTER TABLE … ADD COLUMN (with defaults), so a
-- till sale written through the appender before or after this migration stays valid: columns
-- it does not name take their defaults. Names are chosen not to collide with columns other
-- work may add (`orders.fulfilment_status`, `order_lines.allocated` are left free).
-- Keys and indexes are single columns (DuckDB answers a point lookup from an ART index only
-- for a one-column equality); ids are UUIDs or `<parent>:<n>` strings, never sequences.

-- ─── orders ──────────────────────────────────────────────────────────────────
ALTER TABLE orders ADD COLUMN shipping_method VARCHAR;          -- the channel's words ("Standard", "NextDay")
ALTER TABLE orders ADD COLUMN shipping_minor BIGINT DEFAULT 0;  -- shipping charged, VAT-inclusive
ALTER TABLE orders ADD COLUMN fulfilled_by VARCHAR DEFAULT 'merchant'; -- merchant | channel (Amazon FBA: never picked here)
ALTER TABLE orders ADD COLUMN channel_status VARCHAR;           -- the channel's own status words
ALTER TABLE orders ADD COLUMN channel_updated_at TIMESTAMP;     -- the channel's updatedAt of the version we hold
ALTER TABLE orders ADD COLUMN despatch_by TIMESTAMP;            -- must leave the building by (UTC)
ALTER TABLE orders ADD COLUMN deliver_by TIMESTAMP;             -- must reach the customer by (UTC)
ALTER TABLE orders ADD COLUMN deadline_source VARCHAR;          -- channel | rules
ALTER TABLE orders ADD COLUMN refunded_minor BIGINT DEFAULT 0;  -- Σ refunds credited against the order (any method)
ALTER TABLE orders ADD COLUMN shipped_at TIMESTAMP;
ALTER TABLE orders ADD COLUMN delivered_at TIMESTAMP;
ALTER TABLE orders ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE orders ADD COLUMN replacement_of VARCHAR;           -- the lost order this one replaces
ALTER TABLE orders ADD COLUMN flags JSON;                       -- ["unknown_sku:ABC", "review:…"]: things a person should look at
ALTER TABLE orders ADD COLUMN escalated JSON;                   -- keys of escalation rules already fired
ALTER TABLE orders ADD COLUMN updated_at TIMESTAMP;
CREATE INDEX orders_channel_order ON orders (channel_order_id);
CREATE INDEX orders_customer ON orders (customer_id);

-- ─── order lines ─────────────────────────────────────────────────────────────
ALTER TABLE order_lines ADD COLUMN channel_line_id VARCHAR;     -- the channel's line id (refunds and shipments name lines by it)
ALTER TABLE order_lines ADD COLUMN backordered BIGINT DEFAULT 0; -- units wanted but not allocated
ALTER TABLE order_lines ADD COLUMN cancelled_quantity BIGINT DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN shipped_quantity BIGINT DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN returned_quantity BIGINT DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN known_sku BOOLEAN DEFAULT true; -- false: the channel sold a SKU our catalogue lacks (kept, flagged)
CREATE INDEX order_lines_sku ON order_lines (sku);

-- ─── customers' phone numbers, normalised for search ─────────────────────────
-- A table of its own rather than a column on customers: the till inserts customers by
-- position, so customers keeps its shape.
CREATE TABLE customer_phones (
  id VARCHAR PRIMARY KEY,            -- phone_key || ' ' || customer_id
  phone_key VARCHAR NOT NULL,        -- E.164 (+447700900123), what the order search compares
  customer_id VARCHAR NOT NULL
);
CREATE INDEX customer_phones_key ON customer_phones (phone_key);

CREATE TABLE addresses (
  id VARCHAR PRIMARY KEY,            -- order_id || ':' || kind
  order_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,             -- shipping | billing | return
  name VARCHAR,
  company VARCHAR,
  line1 VARCHAR,
  line2 VARCHAR,
  city VARCHAR,
  region VARCHAR,
  postcode VARCHAR,
  country VARCHAR,                   -- ISO 3166-1 alpha-2
  phone VARCHAR
);
CREATE INDEX addresses_order ON addresses (order_id);

-- Stock reserved for an order line at one location. Σ quantity + order_lines.backordered =
-- quantity − cancelled − shipped; stock_levels.allocated is the Σ per (sku, location).
CREATE TABLE allocations (
  id VARCHAR PRIMARY KEY,            -- order_id || ':' || line_no || '@' || location
  order_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  location VARCHAR NOT NULL,
  quantity BIGINT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX allocations_order ON allocations (order_id);

-- The timeline: everything that happened to an order, who, when, where (station), why.
CREATE TABLE order_events (
  id VARCHAR PRIMARY KEY,            -- uuid
  order_id VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  seq INTEGER NOT NULL,              -- order within one transaction
  kind VARCHAR NOT NULL,             -- created, imported, allocated, status, deadline, returned, refunded, note, tag, lost, replacement, escalated…
  summary VARCHAR NOT NULL,          -- a sentence for the timeline
  staff_id VARCHAR,
  station VARCHAR,
  reason VARCHAR,
  details JSON
);
CREATE INDEX order_events_order ON order_events (order_id);

CREATE TABLE order_tags (
  id VARCHAR PRIMARY KEY,            -- order_id || '#' || tag
  order_id VARCHAR NOT NULL,
  tag VARCHAR NOT NULL,
  added_at TIMESTAMP NOT NULL,
  staff_id VARCHAR
);
CREATE INDEX order_tags_order ON order_tags (order_id);
CREATE INDEX order_tags_tag ON order_tags (tag);

CREATE TABLE order_notes (
  id VARCHAR PRIMARY KEY,            -- uuid
  order_id VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  staff_id VARCHAR,
  station VARCHAR
);
CREATE INDEX order_notes_order ON order_notes (order_id);

CREATE TABLE shipments (
  id VARCHAR PRIMARY KEY,            -- uuid
  order_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL,           -- shipped | delivered | lost
  carrier VARCHAR,
  service VARCHAR,
  tracking_number VARCHAR,
  lines JSON NOT NULL,               -- [{lineNo, sku, quantity, location}]
  shipped_at TIMESTAMP NOT NULL,
  delivered_at TIMESTAMP,
  lost_at TIMESTAMP,
  staff_id VARCHAR
);
CREATE INDEX shipments_order ON shipments (order_id);

-- A return: taken at the desk (kind 'desk'), or authorised first and received later (kind
-- 'rma': a returns label goes to the customer, the parcel is received at the desk).
CREATE TABLE returns (
  id VARCHAR PRIMARY KEY,            -- uuid
  number VARCHAR NOT NULL,           -- R-000123: printed on the refund receipt and the returns label
  order_id VARCHAR,                  -- null: a return without a receipt
  kind VARCHAR NOT NULL,             -- desk | rma
  status VARCHAR NOT NULL,           -- authorised | completed | cancelled
  channel VARCHAR,                   -- the order's channel
  value_minor BIGINT NOT NULL DEFAULT 0,   -- apportioned value of the returned units
  refund_minor BIGINT NOT NULL DEFAULT 0,  -- money or credit given back (exchange credit excluded)
  credited_minor BIGINT NOT NULL DEFAULT 0, -- counted against the order's payments (exchange credit included)
  method VARCHAR,                    -- original | store-credit | exchange
  exchange_order_id VARCHAR,         -- the sale of the new items
  window_last_day DATE,
  window_overridden BOOLEAN NOT NULL DEFAULT false,
  approved_by VARCHAR,               -- the manager who approved (no receipt, window override)
  till_id VARCHAR,
  till_session_id VARCHAR,
  staff_id VARCHAR,
  station VARCHAR,
  note VARCHAR,
  created_at TIMESTAMP NOT NULL,
  completed_at TIMESTAMP
);
CREATE INDEX returns_order ON returns (order_id);
CREATE INDEX returns_number ON returns (number);

CREATE TABLE return_lines (
  id VARCHAR PRIMARY KEY,            -- return_id || ':' || seq
  return_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  order_line_no INTEGER,             -- null for a return without a receipt
  sku VARCHAR NOT NULL,
  quantity BIGINT NOT NULL,          -- authorised (rma) or returned
  received_quantity BIGINT NOT NULL DEFAULT 0,
  reason VARCHAR NOT NULL,
  condition VARCHAR,                 -- sellable | damaged | write-off (set when received)
  location VARCHAR,                  -- where the stock went; null: written off (or not yet received)
  value_minor BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX return_lines_return ON return_lines (return_id);

-- Money or credit going back: to a tender of the order (cash from a till's drawer, card
-- against the terminal, a voucher re-credited, the channel's payment through the outbox), as
-- a store-credit voucher, or as credit towards an exchange.
CREATE TABLE refunds (
  id VARCHAR PRIMARY KEY,            -- uuid
  return_id VARCHAR,
  order_id VARCHAR,
  method VARCHAR NOT NULL,           -- cash | card | voucher | channel | store-credit | exchange
  amount_minor BIGINT NOT NULL,      -- > 0
  tender_seq INTEGER,                -- payments.seq of the tender refunded to (original method)
  reference VARCHAR,                 -- card reference, voucher code, channel order id
  status VARCHAR NOT NULL,           -- completed | queued (waiting for the channel via sync_outbox)
  till_id VARCHAR,
  till_session_id VARCHAR,
  staff_id VARCHAR,
  station VARCHAR,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id);
CREATE INDEX refunds_return ON refunds (return_id);

CREATE TABLE saved_views (
  id VARCHAR PRIMARY KEY,            -- uuid
  name VARCHAR NOT NULL,
  filters JSON NOT NULL,             -- the order list's query as the UI sends it
  staff_id VARCHAR,                  -- the owner; null: shared with everyone
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE notifications (
  id VARCHAR PRIMARY KEY,            -- uuid
  created_at TIMESTAMP NOT NULL,
  audience VARCHAR NOT NULL,         -- managers | staff
  kind VARCHAR NOT NULL,             -- escalation | review | backorder | sync …
  severity VARCHAR NOT NULL,         -- info | warning | danger
  message VARCHAR NOT NULL,
  order_id VARCHAR,
  rule_key VARCHAR,                  -- the escalation rule that raised it
  read_at TIMESTAMP,
  read_by VARCHAR
);
CREATE INDEX notifications_order ON notifications (order_id);

-- The transactional outbox: written in the same transaction as the change it reports
-- (a refund of a channel order, a shipment, a stock level); the sync engine drains it per
-- channel with the idempotency key, retrying with backoff.
CREATE TABLE sync_outbox (
  id VARCHAR PRIMARY KEY,            -- uuid
  channel VARCHAR NOT NULL,          -- shopify | woocommerce | amazon | ebay
  account VARCHAR,                   -- the channel account, when a shop has several
  kind VARCHAR NOT NULL,             -- refund | shipment | stock
  payload JSON NOT NULL,             -- the connector's request (RefundRequest, ShipmentConfirmation, StockUpdate)
  idempotency_key VARCHAR NOT NULL,  -- derived from our own ids: a retried push is applied once
  status VARCHAR NOT NULL DEFAULT 'pending', -- pending | sending | done | failed | dead
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL,
  last_error VARCHAR,
  created_at TIMESTAMP NOT NULL,
  reference VARCHAR                  -- what it is about: an order id, a return id
);
CREATE INDEX sync_outbox_key ON sync_outbox (idempotency_key);
