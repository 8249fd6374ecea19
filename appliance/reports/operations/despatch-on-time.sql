-- Orders despatched on time (shipped_at ≤ despatch_by) among those due to leave in the
-- period, per day (periods up to 62 days) or month. An order not yet shipped counts as due
-- once its deadline has passed. Orders the channel fulfils (Amazon FBA) are not ours to ship.
-- Orders are counted per UTC hour of their deadline first, so the zone is applied per hour.
WITH hours AS (
  SELECT date_trunc('hour', despatch_by) AS hour,
    count(*) AS due,
    count(*) FILTER (WHERE shipped_at <= despatch_by) AS on_time
  FROM orders
  WHERE despatch_by IS NOT NULL AND status <> 'cancelled' AND fulfilled_by = 'merchant'
    AND despatch_by >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
    AND despatch_by < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    AND (shipped_at IS NOT NULL OR despatch_by < $now::TIMESTAMP)
    AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  GROUP BY 1
),
periods AS (
  SELECT CASE WHEN $to::DATE - $from::DATE <= 62 THEN strftime(timezone($zone, hour::TIMESTAMPTZ)::DATE, '%Y-%m-%d')
              ELSE strftime(timezone($zone, hour::TIMESTAMPTZ)::DATE, '%Y-%m') END AS period, due, on_time
  FROM hours
)
SELECT period,
  sum(due)::BIGINT AS due,
  sum(on_time)::BIGINT AS on_time,
  (sum(due) - sum(on_time))::BIGINT AS late,
  round(100.0 * sum(on_time) / sum(due), 2)::DOUBLE AS on_time_pct
FROM periods
GROUP BY period
ORDER BY period
