-- Pick errors as a share of items picked, per day (periods up to 62 days) or month.
-- An error is a pick later found wrong (wrong item or quantity, damaged, not found).
-- Picks are summed per UTC hour first, so the store's zone is applied per hour, not per pick.
WITH hours AS (
  SELECT date_trunc('hour', picked_at) AS hour, sum(quantity) AS items,
    coalesce(sum(quantity) FILTER (WHERE error IS NOT NULL), 0) AS errors
  FROM pick_events
  WHERE picked_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
    AND picked_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    AND ($staff::VARCHAR IS NULL OR staff_id = $staff::VARCHAR)
  GROUP BY 1
),
periods AS (
  SELECT CASE WHEN $to::DATE - $from::DATE <= 62 THEN strftime(timezone($zone, hour::TIMESTAMPTZ)::DATE, '%Y-%m-%d')
              ELSE strftime(timezone($zone, hour::TIMESTAMPTZ)::DATE, '%Y-%m') END AS period, items, errors
  FROM hours
)
SELECT period,
  sum(items)::BIGINT AS items_picked,
  sum(errors)::BIGINT AS error_items,
  round(100.0 * sum(errors) / nullif(sum(items), 0), 2)::DOUBLE AS error_pct
FROM periods
GROUP BY period
ORDER BY period
