-- Returns taken in the period per reason: returns, units and value, and the share of the
-- period's orders (placed, not cancelled) that came back for that reason.
WITH placed AS (
  SELECT sum(order_count) AS orders
  FROM report_daily
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
),
returned AS (
  SELECT l.reason, count(DISTINCT r.id) AS returns, count(DISTINCT r.order_id) AS orders,
    sum(l.quantity) AS units, sum(l.value_minor) AS value
  FROM returns r JOIN return_lines l ON l.return_id = r.id
  WHERE r.status = 'completed'
    AND r.created_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
    AND r.created_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    AND ($channel::VARCHAR IS NULL OR r.channel = $channel::VARCHAR)
  GROUP BY l.reason
)
SELECT reason,
  returns::BIGINT AS returns,
  units::BIGINT AS units,
  value::BIGINT AS value_minor,
  round(100.0 * orders / nullif((SELECT orders FROM placed), 0), 2)::DOUBLE AS orders_pct
FROM returned
ORDER BY returns DESC, reason
