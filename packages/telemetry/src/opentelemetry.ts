/**
 * OpenTelemetry metrics for vyre telemetry samples, through `@opentelemetry/api` (an optional peer
 * dependency: install it to use this entry point). A no-op unless the application registers an
 * OpenTelemetry SDK.
 *
 * @packageDocumentation
 */

export {
  observeTelemetry,
  type OpenTelemetryOptions,
  type TelemetryObservation,
} from './opentelemetry-export.ts';
