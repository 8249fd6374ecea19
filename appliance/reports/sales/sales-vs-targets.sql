-- Sales against the month's target per category (targets are entered by managers).
WITH sold AS (
  SELECT strftime(m, '%Y-%m') AS month, category, sales
  FROM (
    SELECT date_trunc('month', day) AS m, category, sum(sales_minor) AS sales
    FROM report_daily
    WHERE day BETWEEN $from::DATE AND $to::DATE
      AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
    GROUP BY ALL
  )
),
targets AS (
  SELECT strftime(month, '%Y-%m') AS month, category, sum(target_minor) AS target
  FROM sales_targets
  WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
    AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
  GROUP BY ALL
)
SELECT month, category,
  coalesce(sales, 0)::BIGINT AS sales_minor,
  target::BIGINT AS target_minor,
  (coalesce(sales, 0) - target)::BIGINT AS variance_minor,
  round(100.0 * coalesce(sales, 0) / nullif(target, 0), 2)::DOUBLE AS achieved_pct
FROM sold FULL JOIN targets USING (month, category)
ORDER BY month, category
