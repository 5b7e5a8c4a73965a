export { EventQueue } from './event-queue.js';
export type { EventHandle } from './event-queue.js';
export { Simulator } from './simulator.js';
export type { EventHandler, RunOptions } from './simulator.js';
export { SimEvent } from './sim-event.js';
export type { ProcessBody, Yieldable } from './process.js';
