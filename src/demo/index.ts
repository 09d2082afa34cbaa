/** Public API of the demo generator: deterministic Segment messages for the "Riffs & Co" music shop. */
export { DEMO_DEFAULTS, type DemoOptions, generateDemo, generateDemoArray } from './generate-demo.ts';
export { SEGMENT_TYPES, type SegmentContext, type SegmentMessage, type SegmentType } from './segment-message.ts';
export { PERSONA_NAMES, type PersonaName } from './personas.ts';
