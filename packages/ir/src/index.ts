/**
 * vyre's intermediate representation: the language every backend speaks.
 *
 * @remarks
 * Depends only on `@vyre/foundation`; it must never depend on a driver, the runtime or telemetry.
 * This release holds the element-type vocabulary; Program trees, the validator, the JSON form, the
 * fingerprint, the WGSL emitter and the `VyreBackend` contract follow.
 *
 * @packageDocumentation
 */

export {
  dataTypeByteSize,
  dataTypeFromWireTag,
  DataTypeWireTag,
  type DataType,
} from './data-type.ts';
