-- Top products by sales: ranked by what customers paid (after discounts, VAT-inclusive).
SELECT
  (rank() OVER (ORDER BY sum(sales_minor) DESC))::BIGINT AS rank,
  sku,
  any_value(name) AS name,
  any_value(category) AS category,
  sum(quantity)::BIGINT AS quantity,
  sum(sales_minor)::BIGINT AS sales_minor,
  (sum(sales_minor) - sum(vat_minor) - sum(cost_minor))::BIGINT AS margin_minor
FROM report_lines
WHERE day BETWEEN $from::DATE AND $to::DATE
  AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
GROUP BY sku
ORDER BY sales_minor DESC, sku
LIMIT coalesce($limit::BIGINT, 20)
