-- Stock value per location now, at cost and at retail, and its slow movers: SKUs with stock
-- that sold nothing in the last `days` days (90 unless set).
WITH recent AS (
  SELECT sku, location, sum(quantity) AS sold
  FROM report_lines
  WHERE day > $today::DATE - coalesce($days::INTEGER, 90) AND day <= $today::DATE
  GROUP BY ALL
),
stock AS (
  SELECT l.location, l.on_hand, l.on_hand * p.cost_minor AS value, l.on_hand * p.price_minor AS retail,
    coalesce(r.sold, 0) = 0 AS slow
  FROM stock_levels l
  JOIN products p ON p.sku = l.sku
  LEFT JOIN recent r ON r.sku = l.sku AND r.location = l.location
  WHERE l.on_hand > 0
    AND ($location::VARCHAR IS NULL OR l.location = $location::VARCHAR)
)
SELECT s.location, coalesce(any_value(loc.name), s.location) AS location_name,
  count(*)::BIGINT AS skus,
  sum(on_hand)::BIGINT AS units,
  sum(value)::BIGINT AS value_minor,
  sum(retail)::BIGINT AS retail_value_minor,
  count(*) FILTER (WHERE slow)::BIGINT AS slow_movers,
  coalesce(sum(value) FILTER (WHERE slow), 0)::BIGINT AS slow_value_minor
FROM stock s LEFT JOIN locations loc ON loc.id = s.location
GROUP BY s.location
ORDER BY value_minor DESC, s.location
