-- Sales targets set for the months of the period (by managers, Reports › Sales targets).
SELECT strftime(month, '%Y-%m') AS month, category, target_minor, staff_id, updated_at::VARCHAR AS updated_at, id
FROM sales_targets
WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
  AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
