-- Refunds given (money or credit back; exchange credit is not a refund).
SELECT strftime(timezone($zone, f.created_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, o.number AS order_number, f.order_id,
  r.number AS return_number, f.method, f.amount_minor, f.created_at::VARCHAR AS created_at
FROM refunds f
LEFT JOIN orders o ON o.id = f.order_id
LEFT JOIN returns r ON r.id = f.return_id
WHERE f.status = 'completed' AND f.method <> 'exchange'
  AND f.created_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND f.created_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
