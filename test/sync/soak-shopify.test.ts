/** The channel soak (see soak-scenario.ts) against SimulatedShopify. */
import { describe } from 'vitest'
import { soakTest } from './soak-scenario.js'

describe('soak: shopify', () => soakTest('shopify'))
