-- Daily pick and pack rate per employee: items picked, orders and items packed, and items
-- picked per hour between the day's first and last pick (counted as at least one hour).
-- Events are summed per UTC hour first, so the store's zone is applied per hour, not per event.
WITH pick_hours AS (
  SELECT date_trunc('hour', picked_at) AS hour, staff_id, sum(quantity) AS items,
    -- As microseconds: min/max of a TIMESTAMP per group cost four times as much here.
    min(epoch_us(picked_at)) AS first, max(epoch_us(picked_at)) AS last
  FROM pick_events
  WHERE picked_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
    AND picked_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    AND ($staff::VARCHAR IS NULL OR staff_id = $staff::VARCHAR)
  GROUP BY ALL
),
picked AS (
  SELECT timezone($zone, hour::TIMESTAMPTZ)::DATE AS day, staff_id, sum(items) AS items, (max(last) - min(first)) / 3600e6 AS hours
  FROM pick_hours GROUP BY ALL
),
pack_hours AS (
  SELECT date_trunc('hour', packed_at) AS hour, staff_id, count(*) AS orders, sum(items) AS items
  FROM pack_events
  WHERE packed_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
    AND packed_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    AND ($staff::VARCHAR IS NULL OR staff_id = $staff::VARCHAR)
  GROUP BY ALL
),
packed AS (
  SELECT timezone($zone, hour::TIMESTAMPTZ)::DATE AS day, staff_id, sum(orders) AS orders, sum(items) AS items
  FROM pack_hours GROUP BY ALL
)
SELECT strftime(day, '%Y-%m-%d') AS day, staff_id AS staff, coalesce(s.name, staff_id) AS name,
  coalesce(p.items, 0)::BIGINT AS items_picked,
  coalesce(k.orders, 0)::BIGINT AS orders_packed,
  coalesce(k.items, 0)::BIGINT AS items_packed,
  round(coalesce(p.items, 0) / greatest(coalesce(p.hours, 0), 1), 1)::DOUBLE AS picks_per_hour
FROM picked p FULL JOIN packed k USING (day, staff_id)
LEFT JOIN staff s ON s.id = staff_id
ORDER BY day, name
