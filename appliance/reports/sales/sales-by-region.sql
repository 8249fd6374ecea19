-- Sales by region: the shipping address's UK postcode area (or its country abroad); sales in
-- the shop count in the shop's own region (the `shop` setting's `region`).
SELECT region,
  sum(order_count)::BIGINT AS orders,
  sum(quantity)::BIGINT AS quantity,
  sum(sales_minor)::BIGINT AS sales_minor,
  round(100.0 * sum(sales_minor) / nullif(sum(sum(sales_minor)) OVER (), 0), 2)::DOUBLE AS share_pct
FROM report_lines
WHERE day BETWEEN $from::DATE AND $to::DATE
  AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
GROUP BY region
ORDER BY sales_minor DESC, region
