/** Every route of the API, in one list (mounted by create-app, documented by openapi, enumerated by tests). */
import type { AppDeps } from '../deps.js'
import type { RouteDef } from '../route.js'
import { backupRoutes } from './backups.js'
import { catalogueRoutes } from './catalogue.js'
import { healthRoutes } from './health.js'
import { printingRoutes } from './printing.js'
import { productRoutes } from './products.js'
import { sessionRoutes } from './session.js'
import { stockRoutes } from './stock.js'
import { saleRoutes } from './sales.js'
import { tillRoutes } from './tills.js'
import { voucherRoutes } from './vouchers.js'
import { parkedRoutes } from './parked.js'
import { channelRoutes } from './channels.js'
import { webhookRoutes } from './webhooks.js'
import { reportRoutes } from './reports.js'
import { reportInputRoutes } from './report-inputs.js'
import { orderRoutes } from './orders.js'
import { returnRoutes } from './returns.js'
import { fulfilmentRoutes } from './fulfilment.js'
import { metricsRoutes } from './metrics.js'

export const allRoutes = (deps: AppDeps): RouteDef[] => [
  ...healthRoutes(deps),
  ...sessionRoutes(deps),
  ...productRoutes(deps),
  ...stockRoutes(deps),
  ...catalogueRoutes(deps),
  ...backupRoutes(deps),
  ...printingRoutes(deps),
  ...saleRoutes(deps),
  ...tillRoutes(deps),
  ...voucherRoutes(deps),
  ...parkedRoutes(deps),
  ...channelRoutes(deps),
  ...webhookRoutes(deps),
  ...orderRoutes(deps),
  ...returnRoutes(deps),
  ...fulfilmentRoutes(deps),
  ...reportRoutes(deps),
  ...reportInputRoutes(deps),
  ...metricsRoutes(deps),
]
