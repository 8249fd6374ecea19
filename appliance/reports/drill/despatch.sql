-- Orders due to leave in the period: when they had to go, when they went.
SELECT strftime(timezone($zone, despatch_by::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, number AS order_number, id AS order_id, channel,
  placed_at::VARCHAR AS placed_at, despatch_by::VARCHAR AS despatch_by, shipped_at::VARCHAR AS shipped_at,
  1 AS due,
  (shipped_at IS NOT NULL AND shipped_at <= despatch_by)::INTEGER AS on_time,
  (shipped_at IS NULL OR shipped_at > despatch_by)::INTEGER AS late
FROM orders
WHERE despatch_by IS NOT NULL AND status <> 'cancelled' AND fulfilled_by = 'merchant'
  AND despatch_by >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND despatch_by < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND (shipped_at IS NOT NULL OR despatch_by < $now::TIMESTAMP)
  AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
