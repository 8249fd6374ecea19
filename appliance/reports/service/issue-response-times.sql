-- Average time to the first response and to resolution (closing), in minutes, of the
-- customer issues logged in the period, by category. Issues not yet answered or closed
-- count in `issues` but not in the averages.
SELECT category,
  count(*)::BIGINT AS issues,
  count(first_response_at)::BIGINT AS responded,
  round(avg(epoch(first_response_at - opened_at)) / 60.0, 1)::DOUBLE AS first_response_minutes,
  count(closed_at)::BIGINT AS resolved,
  round(avg(epoch(closed_at - opened_at)) / 60.0, 1)::DOUBLE AS resolution_minutes
FROM customer_issues
WHERE opened_at >= timezone($zone, $from::DATE::TIMESTAMP)::TIMESTAMP
  AND opened_at < timezone($zone, ($to::DATE + 1)::TIMESTAMP)::TIMESTAMP
  AND ($priority::VARCHAR IS NULL OR priority = $priority::VARCHAR)
GROUP BY category
ORDER BY category
