-- The order lines behind a sales figure (the report facts), newest first.
SELECT strftime(day, '%Y-%m-%d') AS day, order_number, order_id, line_no, channel, sku, name, category, region, location,
  quantity, sales_minor, vat_minor, discount_minor, cost_minor,
  sales_minor - vat_minor - cost_minor AS margin_minor, order_count
FROM report_lines
WHERE day BETWEEN $from::DATE AND $to::DATE
  AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
  AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
  AND ($sku::VARCHAR IS NULL OR sku = $sku::VARCHAR)
  AND ($location::VARCHAR IS NULL OR location = $location::VARCHAR)
