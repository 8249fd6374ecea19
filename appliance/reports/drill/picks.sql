-- Pick records: who picked what for which order, and whether it was right.
SELECT strftime(timezone($zone, p.picked_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, p.picked_at::VARCHAR AS picked_at,
  p.staff_id AS staff, o.number AS order_number, p.order_id, p.sku, p.location, p.quantity, p.error,
  CASE WHEN p.error IS NULL THEN 0 ELSE p.quantity END AS error_quantity
FROM pick_events p
LEFT JOIN orders o ON o.id = p.order_id
WHERE p.picked_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND p.picked_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($staff::VARCHAR IS NULL OR p.staff_id = $staff::VARCHAR)
