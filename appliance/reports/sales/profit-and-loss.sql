-- Profit and loss by month. Sales are what customers paid (VAT-inclusive, after discounts);
-- revenue is sales less VAT on them less refunds given; cost of goods is at cost price;
-- gross margin is revenue less cost of goods; net margin takes off the month's expenses.
WITH months AS (
  SELECT strftime(m, '%Y-%m') AS month
  FROM range(date_trunc('month', $from::DATE), $to::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
),
sales AS (
  SELECT strftime(m, '%Y-%m') AS month, sales, vat, discounts, cogs
  FROM (
    SELECT date_trunc('month', day) AS m, sum(sales_minor) AS sales, sum(vat_minor) AS vat,
      sum(discount_minor) AS discounts, sum(cost_minor) AS cogs
    FROM report_daily
    WHERE day BETWEEN $from::DATE AND $to::DATE
    GROUP BY 1
  )
),
refunded AS (
  -- Summed per UTC hour first: the store's zone is applied per hour, not per refund.
  SELECT strftime(timezone($zone, hour::TIMESTAMPTZ)::DATE, '%Y-%m') AS month, sum(amount) AS refunds
  FROM (
    SELECT date_trunc('hour', created_at) AS hour, sum(amount_minor) AS amount
    FROM refunds
    WHERE status = 'completed' AND method <> 'exchange'
      AND created_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
      AND created_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
    GROUP BY 1
  )
  GROUP BY 1
),
spent AS (
  SELECT strftime(month, '%Y-%m') AS month, sum(amount_minor) AS expenses
  FROM expenses
  WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
  GROUP BY 1
),
pl AS (
  SELECT m.month,
    coalesce(s.sales, 0) AS sales, coalesce(s.discounts, 0) AS discounts, coalesce(s.vat, 0) AS vat,
    coalesce(r.refunds, 0) AS refunds, coalesce(s.cogs, 0) AS cogs, coalesce(e.expenses, 0) AS expenses
  FROM months m LEFT JOIN sales s USING (month) LEFT JOIN refunded r USING (month) LEFT JOIN spent e USING (month)
)
SELECT month,
  sales::BIGINT AS sales_minor,
  discounts::BIGINT AS discounts_minor,
  vat::BIGINT AS vat_minor,
  refunds::BIGINT AS refunds_minor,
  (sales - vat - refunds)::BIGINT AS revenue_minor,
  cogs::BIGINT AS cogs_minor,
  (sales - vat - refunds - cogs)::BIGINT AS gross_margin_minor,
  expenses::BIGINT AS expenses_minor,
  (sales - vat - refunds - cogs - expenses)::BIGINT AS net_margin_minor,
  round(100.0 * (sales - vat - refunds - cogs) / nullif(sales - vat - refunds, 0), 2)::DOUBLE AS margin_pct
FROM pl
ORDER BY month
