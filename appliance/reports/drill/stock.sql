-- Stock on hand now per SKU and location, its value, and whether it sold in the last `days` days.
WITH recent AS (
  SELECT sku, location, sum(quantity) AS sold
  FROM report_lines
  WHERE day > $today::DATE - coalesce($days::INTEGER, 90) AND day <= $today::DATE
  GROUP BY ALL
)
SELECT l.location, l.sku, p.name, p.category, l.on_hand, p.cost_minor,
  l.on_hand * p.cost_minor AS value_minor, l.on_hand * p.price_minor AS retail_value_minor,
  coalesce(r.sold, 0)::BIGINT AS sold_recently,
  (coalesce(r.sold, 0) = 0)::INTEGER AS slow,
  CASE WHEN coalesce(r.sold, 0) = 0 THEN l.on_hand * p.cost_minor ELSE 0 END AS slow_value_minor
FROM stock_levels l
JOIN products p ON p.sku = l.sku
LEFT JOIN recent r ON r.sku = l.sku AND r.location = l.location
WHERE l.on_hand > 0
  AND ($location::VARCHAR IS NULL OR l.location = $location::VARCHAR)
  AND ($sku::VARCHAR IS NULL OR l.sku = $sku::VARCHAR)
