-- Returned lines: which order, what came back, why, and its value.
SELECT strftime(timezone($zone, r.created_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, r.number AS return_number, r.id AS return_id,
  o.number AS order_number, r.order_id, r.channel, l.sku, l.reason, l.quantity, l.value_minor
FROM returns r
JOIN return_lines l ON l.return_id = r.id
LEFT JOIN orders o ON o.id = r.order_id
WHERE r.status = 'completed'
  AND r.created_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND r.created_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($channel::VARCHAR IS NULL OR r.channel = $channel::VARCHAR)
  AND ($reason::VARCHAR IS NULL OR l.reason = $reason::VARCHAR)
