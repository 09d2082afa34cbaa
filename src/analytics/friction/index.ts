/** Friction: slow pages, JS errors, failed payments, slow checkouts, abandoned carts, late deliveries and returns — how often, where, and what they cost. */
export { runFriction, type FrictionOptions } from './run-friction.ts';
export {
  FrictionRequestSchema, FRICTION_SIGNALS, SIGNAL_LABELS,
  type FrictionRequest, type FrictionRequestInput, type FrictionResult, type FrictionSignal, type SignalResult,
  type FrictionConversion, type ConversionGroup, type FrictionDetails, type TouchpointFrictionCount, type TrendPoint,
  type CountedValue, type SlowPath,
} from './schema.ts';
export {
  PAGE_LOAD, JS_ERROR, PAYMENT_FAILED, ORDER_DELIVERED, RETURN_EVENTS, DEFAULT_SLOW_PAGE_MS, DEFAULT_SLOW_CHECKOUT_SECONDS,
} from './friction-events.ts';
