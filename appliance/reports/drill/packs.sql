-- Pack records: who packed which order, and how many items.
SELECT strftime(timezone($zone, k.packed_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, k.packed_at::VARCHAR AS packed_at,
  k.staff_id AS staff, o.number AS order_number, k.order_id, k.items, k.parcels
FROM pack_events k
LEFT JOIN orders o ON o.id = k.order_id
WHERE k.packed_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND k.packed_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($staff::VARCHAR IS NULL OR k.staff_id = $staff::VARCHAR)
