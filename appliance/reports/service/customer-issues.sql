-- Customer issues logged in the period by category and priority: how many are closed, how many still open.
SELECT category, priority,
  count(*)::BIGINT AS logged,
  count(*) FILTER (WHERE status = 'closed')::BIGINT AS closed,
  count(*) FILTER (WHERE status <> 'closed')::BIGINT AS open
FROM customer_issues
WHERE opened_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND opened_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
GROUP BY category, priority
ORDER BY category, CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, priority
