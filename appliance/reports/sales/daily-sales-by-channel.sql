-- Daily sales per channel: orders, units and what customers paid, by business day
-- (from the daily roll-up: a year is ~2,000 rows, not two million lines).
SELECT strftime(day, '%Y-%m-%d') AS day, channel, orders, quantity, sales_minor
FROM (
  SELECT day, channel,
    sum(order_count)::BIGINT AS orders,
    sum(quantity)::BIGINT AS quantity,
    sum(sales_minor)::BIGINT AS sales_minor
  FROM report_daily
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  GROUP BY day, channel
)
ORDER BY day, channel
