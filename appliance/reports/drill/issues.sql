-- Customer issues logged in the period, with their response and resolution times.
SELECT strftime(timezone($zone, i.opened_at::TIMESTAMPTZ)::DATE, '%Y-%m-%d') AS day, o.number AS order_number, i.order_id,
  i.category, i.priority, i.status, i.summary,
  (epoch(i.first_response_at - i.opened_at) / 60.0)::DOUBLE AS first_response_minutes,
  (epoch(i.closed_at - i.opened_at) / 60.0)::DOUBLE AS resolution_minutes,
  (i.first_response_at IS NOT NULL)::INTEGER AS answered, (i.closed_at IS NOT NULL)::INTEGER AS resolved,
  i.id, i.opened_at::VARCHAR AS opened_at
FROM customer_issues i
LEFT JOIN orders o ON o.id = i.order_id
WHERE i.opened_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND i.opened_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($category::VARCHAR IS NULL OR i.category = $category::VARCHAR)
  AND ($priority::VARCHAR IS NULL OR i.priority = $priority::VARCHAR)
  AND ($status::VARCHAR IS NULL OR (CASE WHEN i.status = 'closed' THEN 'closed' ELSE 'open' END) = $status::VARCHAR)
