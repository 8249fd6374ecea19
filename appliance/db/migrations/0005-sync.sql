-- Channel sync: the accounts (credentials encrypted with a key kept outside this file), durable
-- import cursors, webhook dedupe, what each channel was last told, runs for the status screen,
-- orders a channel sent that we could not take, and the columns the outbox engine needs.

CREATE TABLE channel_accounts (
  id VARCHAR PRIMARY KEY,            -- short slug chosen at creation: shopify-1, ebay-uk
  kind VARCHAR NOT NULL,             -- shopify | woocommerce | amazon | ebay
  name VARCHAR NOT NULL,
  base_url VARCHAR NOT NULL,
  credentials_enc VARCHAR NOT NULL,  -- AES-256-GCM (secrets/channel-key), bound to the account id; never plaintext
  credential_fields JSON NOT NULL,   -- the names of the fields that are set (what the API shows instead of values)
  settings JSON NOT NULL,            -- non-secret connection settings: sellerId, marketplaceId, authUrl, apiVersion, …
  location_map JSON NOT NULL,        -- {"from": ["backroom","floor"], "channelLocation": "gid://…"}: whose stock the channel sells
  sku_map JSON NOT NULL,             -- {"OUR-SKU": "CHANNEL-SKU"}: only where they differ (or every SKU, with scope "mapped")
  rules JSON NOT NULL,               -- {"default": {"kind":"buffer","buffer":2}, "skus": {"X": {"kind":"fixed","quantity":5}}, "scope":"all"}
  import_interval_s INTEGER NOT NULL DEFAULT 60,
  active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- Where each account's streams have got to: the order import cursor (opaque, the
-- connector's), and the stock watermarks (the last stock movement and stock-dirty mark
-- turned into outbox rows). One row per (account, stream).
CREATE TABLE sync_cursors (
  id VARCHAR PRIMARY KEY,            -- account || ':' || stream
  account VARCHAR NOT NULL,
  stream VARCHAR NOT NULL,           -- orders | stock-movements | stock-dirty
  cursor VARCHAR,
  updated_at TIMESTAMP NOT NULL
);

-- Webhooks seen, for durable dedupe: a retry or replay of one event is answered and ignored.
CREATE TABLE webhook_events (
  id VARCHAR PRIMARY KEY,            -- account || ':' || event_id
  account VARCHAR NOT NULL,
  topic VARCHAR,
  order_id VARCHAR,                  -- the channel's order id, re-fetched after answering
  received_at TIMESTAMP NOT NULL,
  processed_at TIMESTAMP             -- null until the order was fetched (a restart re-fetches these)
);

-- SKUs whose available-to-sell changed without a stock movement (allocation taken or
-- released), written in the same transaction as that change. Stock movements need no mark:
-- the ledger itself is read past each account's watermark.
-- No primary key: appended on the till's path, and an index would double the cost (read by seq ranges).
CREATE TABLE sync_stock_dirty (
  seq BIGINT NOT NULL,               -- commit order (one serial writer)
  sku VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL
);

-- What each account's channel was last told per SKU: the expected value for Shopify's
-- compare-and-set, drift reports, and "not listed" so reconciliation skips what a channel doesn't sell.
CREATE TABLE sync_stock_state (
  id VARCHAR PRIMARY KEY,            -- account || ':' || sku
  account VARCHAR NOT NULL,
  sku VARCHAR NOT NULL,
  available BIGINT,                  -- last value the channel confirmed holding; null: not listed there
  listed BOOLEAN NOT NULL,
  pushed_at TIMESTAMP NOT NULL
);
CREATE INDEX sync_stock_state_account ON sync_stock_state (account);

-- Runs worth remembering (import, push, reconcile, webhook): the status screen's history.
CREATE TABLE sync_runs (
  id VARCHAR PRIMARY KEY,            -- uuid
  account VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,             -- import | push | reconcile | webhook
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  ok BOOLEAN NOT NULL,
  items INTEGER NOT NULL DEFAULT 0,  -- orders imported, jobs sent, drifts fixed
  error VARCHAR,
  details JSON
);
CREATE INDEX sync_runs_account ON sync_runs (account);

-- Latest state per account and kind, updated every run (sync_runs keeps only eventful ones).
CREATE TABLE sync_status (
  id VARCHAR PRIMARY KEY,            -- account || ':' || kind
  account VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,             -- import | push | reconcile
  last_ok_at TIMESTAMP,
  last_error_at TIMESTAMP,
  last_error VARCHAR,
  details JSON
);

-- Orders a channel sent that we refused to take (unknown currency, negative quantity, a
-- payload that breaks the contract): kept with the reason for a manager, who can fetch again.
CREATE TABLE sync_inbound_rejects (
  id VARCHAR PRIMARY KEY,            -- account || ':' || channel_order_id
  account VARCHAR NOT NULL,
  channel_order_id VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  code VARCHAR,
  first_seen_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP
);
CREATE INDEX sync_inbound_rejects_account ON sync_inbound_rejects (account);

-- The outbox engine's columns (sync_outbox is created by 0004-orders).
ALTER TABLE sync_outbox ADD COLUMN sku VARCHAR;               -- stock jobs: our SKU (one outstanding job per account and SKU)
ALTER TABLE sync_outbox ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE sync_outbox ADD COLUMN done_at TIMESTAMP;
ALTER TABLE sync_outbox ADD COLUMN result JSON;               -- what the channel answered (shipment id, refund id, quantity held)
CREATE INDEX sync_outbox_status ON sync_outbox (status);
