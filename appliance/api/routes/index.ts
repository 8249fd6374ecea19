/** Every route of the API, in one list (mounted by create-app, documented by openapi, enumerated by tests). */
import type { AppDeps } from '../deps.js'
import type { RouteDef } from '../route.js'
import { backupRoutes } from './backups.js'
import { catalogueRoutes } from './catalogue.js'
import { healthRoutes } from './health.js'
import { productRoutes } from './products.js'
import { sessionRoutes } from './session.js'
import { stockRoutes } from './stock.js'

export const allRoutes = (deps: AppDeps): RouteDef[] => [
  ...healthRoutes(deps),
  ...sessionRoutes(deps),
  ...productRoutes(deps),
  ...stockRoutes(deps),
  ...catalogueRoutes(deps),
  ...backupRoutes(deps),
]
