/** The channel soak (see soak-scenario.ts) against SimulatedEbay. */
import { describe } from 'vitest'
import { soakTest } from './soak-scenario.js'

describe('soak: ebay', () => soakTest('ebay'))
