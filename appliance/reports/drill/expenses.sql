-- Expenses entered for the months of the period.
SELECT strftime(month, '%Y-%m') AS month, category, amount_minor, note, id
FROM expenses
WHERE month BETWEEN date_trunc('month', $from::DATE) AND $to::DATE
