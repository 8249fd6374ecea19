/** Every report, in the order the picker lists them (grouped: sales, customer service, operations). */
import type { ReportDefinition } from './definition.js'
import { despatchOnTime } from './operations/despatch-on-time.js'
import { pickErrors } from './operations/pick-errors.js'
import { pickPackRate } from './operations/pick-pack-rate.js'
import { returnsByReason } from './operations/returns-by-reason.js'
import { slowMovers } from './operations/slow-movers.js'
import { stockValue } from './operations/stock-value.js'
import { dailySalesByChannel } from './sales/daily-sales-by-channel.js'
import { profitAndLoss } from './sales/profit-and-loss.js'
import { salesByCategory } from './sales/sales-by-category.js'
import { salesByRegion } from './sales/sales-by-region.js'
import { salesVsTargets } from './sales/sales-vs-targets.js'
import { topProducts } from './sales/top-products.js'
import { customerIssues } from './service/customer-issues.js'
import { issueResponseTimes } from './service/issue-response-times.js'

export const REPORTS: readonly ReportDefinition[] = [
  topProducts, profitAndLoss, dailySalesByChannel, salesByCategory, salesByRegion, salesVsTargets,
  customerIssues, issueResponseTimes,
  despatchOnTime, pickErrors, pickPackRate, returnsByReason, stockValue, slowMovers,
]

export const reportById = (id: string): ReportDefinition | undefined => REPORTS.find((r) => r.id === id)
