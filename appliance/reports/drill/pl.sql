-- Everything behind a period of profit and loss, one row per entry, each with what it adds to
-- revenue, gross margin and net margin: order lines (sales less VAT; cost of goods at cost
-- price), refunds given (they take revenue away) and expenses (they take net margin away).
-- The same rules as sales/profit-and-loss.sql, so the rows add up to its figures.
SELECT strftime(day, '%Y-%m-%d') AS day, 'sale' AS kind, order_number, order_id, name AS item,
  sales_minor - vat_minor AS revenue_minor, cost_minor,
  sales_minor - vat_minor - cost_minor AS gross_margin_minor,
  sales_minor - vat_minor - cost_minor AS net_margin_minor
FROM report_lines
WHERE day BETWEEN $from::DATE AND $to::DATE
UNION ALL
SELECT strftime(timezone($zone, f.created_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d'), 'refund', o.number, f.order_id,
  'Refund ' || coalesce(r.number, f.id), -f.amount_minor, 0, -f.amount_minor, -f.amount_minor
FROM refunds f
LEFT JOIN orders o ON o.id = f.order_id
LEFT JOIN returns r ON r.id = f.return_id
WHERE f.status = 'completed' AND f.method <> 'exchange'
  AND f.created_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND f.created_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
UNION ALL
SELECT strftime(month, '%Y-%m-%d'), 'expense', NULL, NULL, category || coalesce(' (' || note || ')', ''), 0, 0, 0, -amount_minor
FROM expenses
WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
