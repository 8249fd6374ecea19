/**
 * Bank holidays in England and Wales, 2025–2028, as published on gov.uk/bank-holidays.
 * Scotland and Northern Ireland have others (2 January, St Andrew's Day, St Patrick's
 * Day, the Battle of the Boyne): a shop there passes its own list.
 *
 * When Christmas Day, Boxing Day or New Year's Day falls at a weekend the holiday moves to
 * the next weekday(s) not already a holiday ("substitute days"): the dates below are the
 * days off, already substituted. Easter moves every year (Good Friday and Easter Monday).
 * Extend the list when gov.uk publishes later years; a date past the list is treated as an
 * ordinary day, which errs towards promising earlier, never later.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = Object.freeze([
  // 2025
  '2025-01-01', // New Year's Day
  '2025-04-18', // Good Friday
  '2025-04-21', // Easter Monday
  '2025-05-05', // Early May bank holiday
  '2025-05-26', // Spring bank holiday
  '2025-08-25', // Summer bank holiday
  '2025-12-25', // Christmas Day
  '2025-12-26', // Boxing Day
  // 2026
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day: 26 December is a Saturday)
  // 2027
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day: 25 December is a Saturday)
  '2027-12-28', // Boxing Day (substitute day: 26 December is a Sunday)
  // 2028
  '2028-01-03', // New Year's Day (substitute day: 1 January is a Saturday)
  '2028-04-14', // Good Friday
  '2028-04-17', // Easter Monday
  '2028-05-01', // Early May bank holiday
  '2028-05-29', // Spring bank holiday
  '2028-08-28', // Summer bank holiday
  '2028-12-25', // Christmas Day
  '2028-12-26', // Boxing Day
])
