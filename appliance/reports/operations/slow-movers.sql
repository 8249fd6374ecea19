-- Slow movers: SKUs with stock at a location that sold nothing there in the last `days`
-- days (90 unless set), most value tied up first, with the day each last sold.
WITH recent AS (
  SELECT DISTINCT sku, location
  FROM report_lines
  WHERE day > $today::DATE - coalesce($days::INTEGER, 90) AND day <= $today::DATE
),
slow AS (
  SELECT l.sku, l.location, l.on_hand, p.name, p.category, l.on_hand * p.cost_minor AS value
  FROM stock_levels l
  JOIN products p ON p.sku = l.sku
  ANTI JOIN recent r ON r.sku = l.sku AND r.location = l.location
  WHERE l.on_hand > 0
    AND ($location::VARCHAR IS NULL OR l.location = $location::VARCHAR)
    AND ($category::VARCHAR IS NULL OR p.category = $category::VARCHAR)
  ORDER BY value DESC, l.sku, l.location
  LIMIT 500
),
last_sold AS (
  SELECT f.sku, f.location, max(f.day) AS day
  FROM report_lines f SEMI JOIN slow s ON s.sku = f.sku
  WHERE f.day <= $today::DATE
  GROUP BY ALL
)
SELECT s.sku, s.name, s.category, s.location,
  s.on_hand::BIGINT AS on_hand,
  s.value::BIGINT AS value_minor,
  strftime(ls.day, '%Y-%m-%d') AS last_sold
FROM slow s LEFT JOIN last_sold ls ON ls.sku = s.sku AND ls.location = s.location
ORDER BY value_minor DESC, s.sku, s.location
