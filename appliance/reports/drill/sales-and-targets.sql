-- A month's sales of a category beside its target: the order lines (adding their sales) and
-- the target (taking it away), so the rows make the variance and the share achieved.
SELECT strftime(day, '%Y-%m-%d') AS day, 'sale' AS kind, order_number, order_id, category, name AS item,
  sales_minor, 0::BIGINT AS target_minor, sales_minor AS variance_minor
FROM report_lines
WHERE day BETWEEN $from::DATE AND $to::DATE
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
UNION ALL
SELECT strftime(month, '%Y-%m-%d'), 'target', NULL, NULL, category, 'Target for ' || strftime(month, '%Y-%m'), 0, target_minor, -target_minor
FROM sales_targets
WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
