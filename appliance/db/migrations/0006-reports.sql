-- Reports: the report schema (denormalised line facts kept from the order book), what
-- managers enter for reports (monthly expenses, sales targets), customer issues logged
-- against orders, and the shape of pick and pack records that the picking work writes.
-- See appliance/reports/README.md for why the schema is what it is.

-- ─── manager inputs ─────────────────────────────────────────────────────────
CREATE TABLE expenses (
  id VARCHAR PRIMARY KEY,            -- uuid
  month DATE NOT NULL,               -- the first day of the month the expense belongs to
  category VARCHAR NOT NULL,         -- rent | wages | utilities | marketing | … (free text, trimmed)
  amount_minor BIGINT NOT NULL,      -- > 0, VAT-exclusive
  note VARCHAR,
  staff_id VARCHAR,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX expenses_month ON expenses (month);

CREATE TABLE sales_targets (
  id VARCHAR PRIMARY KEY,            -- strftime(month, '%Y-%m') || ':' || category
  month DATE NOT NULL,               -- first day of the month
  category VARCHAR NOT NULL,         -- a product category
  target_minor BIGINT NOT NULL,      -- sales (VAT-inclusive, after discounts) the month should reach
  staff_id VARCHAR,
  updated_at TIMESTAMP NOT NULL
);

-- ─── customer service ───────────────────────────────────────────────────────
-- An issue a customer raised about an order (or without one): its category and priority,
-- when it was logged, first answered and closed. Notes are kept on the record.
CREATE TABLE customer_issues (
  id VARCHAR PRIMARY KEY,            -- uuid
  order_id VARCHAR,                  -- null: not about one order
  category VARCHAR NOT NULL,         -- delivery | damaged | wrong-item | refund | product | other
  priority VARCHAR NOT NULL,         -- low | normal | high | urgent
  status VARCHAR NOT NULL,           -- open | closed
  summary VARCHAR NOT NULL,
  notes JSON NOT NULL DEFAULT '[]',  -- [{at, staffId, body, response}]
  opened_at TIMESTAMP NOT NULL,
  first_response_at TIMESTAMP,       -- the first note marked as a response to the customer
  closed_at TIMESTAMP,
  opened_by VARCHAR,
  closed_by VARCHAR,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX customer_issues_order ON customer_issues (order_id);

-- ─── picking and packing (written by the picking work; filled by seed:history) ──────
-- No indexes: these are appended to and scanned by day (an order's picks can be found by
-- order_id with a scan; add an index when the picking screens need point lookups).
-- One row per pick-list line confirmed by a picker. `error` is set when the pick turned
-- out wrong (the picker's own exception, or the pack check that caught it).
CREATE TABLE pick_events (
  id VARCHAR NOT NULL,               -- order_id || ':' || line_no || ':' || n (unique by construction: no key to maintain on a hot append)
  order_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  location VARCHAR NOT NULL,
  quantity BIGINT NOT NULL,          -- units the pick list asked for
  picked_quantity BIGINT NOT NULL,   -- units the picker confirmed
  error VARCHAR,                     -- null: right | wrong-item | wrong-quantity | damaged | not-found
  staff_id VARCHAR NOT NULL,
  station VARCHAR,
  pick_list_id VARCHAR,
  picked_at TIMESTAMP NOT NULL
);

-- One row per order packed (a parcel or several).
CREATE TABLE pack_events (
  id VARCHAR NOT NULL,               -- order_id || ':' || n
  order_id VARCHAR NOT NULL,
  items BIGINT NOT NULL,             -- units packed
  parcels INTEGER NOT NULL DEFAULT 1,
  staff_id VARCHAR NOT NULL,
  station VARCHAR,
  started_at TIMESTAMP,
  packed_at TIMESTAMP NOT NULL
);

-- ─── the report schema ──────────────────────────────────────────────────────
-- One row per goods line of every order that is not cancelled (gift cards sold are not
-- sales), with everything the sales reports group by already on the row: the business
-- day in the store's zone, channel, category, region, location. Kept by
-- db/report-facts.ts from the order tables (new orders by rowid, changed orders by event
-- and updated_at); rebuilt from scratch by `rebuildReportFacts`. Kept in day order, so
-- DuckDB's zone maps skip everything outside a report's date range.
CREATE TABLE report_lines (
  order_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  order_number VARCHAR NOT NULL,
  day DATE NOT NULL,                 -- store sales: the till's business day; others: local date placed
  placed_at TIMESTAMP NOT NULL,
  channel VARCHAR NOT NULL,
  sku VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  category VARCHAR NOT NULL,         -- the product's category ('Unknown' for SKUs not in the catalogue)
  region VARCHAR NOT NULL,           -- UK postcode area (LA, M, SW) or ISO country; store sales: the shop's region
  location VARCHAR,                  -- stock location the goods left
  staff_id VARCHAR,
  quantity BIGINT NOT NULL,
  sales_minor BIGINT NOT NULL,       -- what the customer paid for the line: after discounts, VAT-inclusive
  vat_minor BIGINT NOT NULL,
  discount_minor BIGINT NOT NULL,    -- line and basket discounts given (already off sales_minor)
  cost_minor BIGINT NOT NULL,        -- cost of goods at the product's cost price
  order_count INTEGER NOT NULL       -- 1 on the order's first goods line, else 0: Σ counts orders without DISTINCT
);

-- The daily roll-up of the facts per channel and category (about 1,000 times fewer rows
-- than lines): what the day-, month- and category-level reports read. Re-derived for every
-- day a refresh touches, from report_lines, so the two always agree.
CREATE TABLE report_daily (
  day DATE NOT NULL,
  channel VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  order_count BIGINT NOT NULL,       -- orders whose first goods line is in this category (Σ over categories: the day's orders)
  quantity BIGINT NOT NULL,
  sales_minor BIGINT NOT NULL,
  vat_minor BIGINT NOT NULL,
  discount_minor BIGINT NOT NULL,
  cost_minor BIGINT NOT NULL
);

-- Where the facts have got to: the highest orders.rowid folded in (orders are never
-- deleted, so new orders have higher rowids whatever their clocks say), and when.
CREATE TABLE report_state (
  id VARCHAR PRIMARY KEY,            -- 'facts'
  last_order_rowid BIGINT NOT NULL,
  refreshed_at TIMESTAMP NOT NULL
);
