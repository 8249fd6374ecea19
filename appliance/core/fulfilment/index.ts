/** Pick, pack and ship's pure rules: waves, walk route, scans, boxes, labels, manifests, click and collect. */
export * from './boxes.js'
export * from './collect.js'
export * from './labels.js'
export * from './manifest.js'
export * from './scans.js'
export * from './walk.js'
export * from './waves.js'
