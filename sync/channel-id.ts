/** The online channels the appliance speaks to (the `channel` column of `orders`). */
export const CHANNEL_IDS = ['shopify', 'woocommerce', 'amazon', 'ebay'] as const
export type ChannelId = (typeof CHANNEL_IDS)[number]
