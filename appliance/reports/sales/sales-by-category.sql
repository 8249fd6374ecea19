-- Sales by product category, with cost of goods, margin and each category's share of sales.
SELECT category,
  sum(quantity)::BIGINT AS quantity,
  sum(sales_minor)::BIGINT AS sales_minor,
  sum(cost_minor)::BIGINT AS cost_minor,
  (sum(sales_minor) - sum(vat_minor) - sum(cost_minor))::BIGINT AS margin_minor,
  round(100.0 * sum(sales_minor) / nullif(sum(sum(sales_minor)) OVER (), 0), 2)::DOUBLE AS share_pct
FROM report_daily
WHERE day BETWEEN $from::DATE AND $to::DATE
  AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
GROUP BY category
ORDER BY sales_minor DESC, category
