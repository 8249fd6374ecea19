-- Orders: which channel account an order came from (two shops on one channel), and refunds
-- the channels make themselves.
--
-- orders.account is the channel account's id (channel_accounts.id), set when an order is
-- imported; null for till sales, phone and manual orders, and orders imported before this
-- migration (an import of a newer version fills it in). The order list filters on it the way
-- it filters on channel: no index (the till appends orders on its hot path; an index there
-- costs every sale).
ALTER TABLE orders ADD COLUMN account VARCHAR;

-- refunds.channel_refund_id: the channel's id for the refund — the one the channel answered a
-- pushed refund with, or the one it reported for a refund made on the channel (Shopify admin,
-- eBay, WooCommerce). A re-import records a channel's refund once, by this id.
-- refunds.status now reads: completed | queued (waiting for the channel through sync_outbox) |
-- pending (the channel took it, money not yet back: eBay) | failed (the outbox job was
-- dead-lettered: a manager replays or discards it) | discarded (not sent: refund another way).
-- sync_outbox.status (0004 lists an older set) is core/sync-job.ts's:
-- pending | sending | retry | done | dead | discarded.
ALTER TABLE refunds ADD COLUMN channel_refund_id VARCHAR;

-- Phones the till stored on its customers (customers.phone, as typed) become searchable:
-- normalised to E.164 into customer_phones, as core's normalisePhone does (UK assumed without
-- a country code; a stray 0 after +44 dropped). From now on the till writes them as it goes.
INSERT INTO customer_phones (id, phone_key, customer_id)
SELECT DISTINCT k || ' ' || id, k, id FROM (
  SELECT id, '+' || CASE WHEN d2 LIKE '440%' THEN '44' || substr(d2, 4) ELSE d2 END AS k FROM (
    SELECT id, CASE
        WHEN d LIKE '00%' THEN substr(d, 3)
        WHEN intl THEN d
        WHEN d LIKE '0%' THEN '44' || substr(d, 2)
        WHEN d LIKE '44%' THEN d
      END AS d2
    FROM (
      SELECT id, regexp_replace(replace(phone, '(0)', ''), '[^0-9]', '', 'g') AS d, starts_with(trim(phone), '+') AS intl
      FROM customers WHERE phone IS NOT NULL AND regexp_full_match(trim(phone), '\+?[0-9\s().-]+')
    )
  ) WHERE d2 IS NOT NULL
) WHERE (regexp_full_match(k, '\+44[0-9]{9,10}') OR (k NOT LIKE '+44%' AND regexp_full_match(k, '\+[1-9][0-9]{6,14}')))
  AND k || ' ' || id NOT IN (SELECT id FROM customer_phones);
