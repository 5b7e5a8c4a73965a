/**
 * The performance model's pure functions, P_c = P_a + P_d + P_s: CFS shares and caps, max-min network sharing,
 * image layers, caches and pulls, readiness, crash-loop back-off, memory profiles, QoS and eviction order.
 *
 * @example
 * ```ts
 * import { cpuShares, shareCpu } from 'podsim/performance';
 * cpuShares(500);                                      // 512: cpu.shares of a 500m request
 * shareCpu(1000, [{ request: 200 }, { request: 100 }]); // [666.67, 333.33] millicores
 * ```
 * @packageDocumentation
 * @module podsim/performance
 */
export { waterFillInto } from './water-fill-into.js';
export { cpuShares, cpuCap, cpuQuota, MIN_CPU_SHARES, MAX_CPU_SHARES } from './cpu-shares.js';
export { shareCpu } from './share-cpu.js';
export type { CpuContainer } from './share-cpu.js';
export { shareCpuInto } from './share-cpu-into.js';
export { maxMinShare, maxMinShareInto } from './max-min-share.js';
export { transferTime } from './transfer-time.js';
export { registryOf } from './image.js';
export type { Image, Layer, Registry } from './image.js';
export { LayerCache, layerHitRatio } from './layer-cache.js';
export type { LayerRequest } from './layer-cache.js';
export { planPull } from './pull-policy.js';
export type { PullPolicy, PullPlan } from './pull-policy.js';
export { pullTime } from './pull-time.js';
export { qosClass } from './qos-class.js';
export type { QosClass } from './qos-class.js';
export { crashLoopBackOff, crashLoopFailures, CRASH_LOOP_INITIAL_SECONDS, CRASH_LOOP_MAX_SECONDS, CRASH_LOOP_RESET_SECONDS } from './crash-loop-back-off.js';
export { evictionOrder } from './eviction-order.js';
export type { EvictionCandidate } from './eviction-order.js';
export { underMemoryPressure, memoryEvictionLine, DEFAULT_MEMORY_EVICTION_THRESHOLD } from './under-memory-pressure.js';
export { memoryAt, firstTimeAbove, profileSegment } from './memory-at.js';
export type { MemoryProfile, MemoryPoint, ProfileSegment } from './memory-at.js';
export { finishTime } from './finish-time.js';
export { advanceWork } from './advance-work.js';
export { readinessDelay, READINESS_DEFAULTS } from './readiness-delay.js';
export { soloTime, soloTimeInto, SOLO_PA, SOLO_PD, SOLO_PS, SOLO_TOTAL, SOLO_STRIDE } from './solo-time.js';
export type { SoloTimeOptions, PerformanceBreakdown } from './solo-time.js';
export type { PullTimeOptions } from './pull-time.js';
export { resolveRegistry } from './resolve-registry.js';
export { checkWork } from './check-work.js';
export { checkImageServed } from './check-image-served.js';
export { checkLimits } from './check-limits.js';
export { checkMemoryProfile } from './check-memory-profile.js';
