/**
 * Definitions of the OCPP 2.0.1 device model as data: a component has variables, a variable has characteristics
 * (data type, unit, limits, values list) and one to four attributes (Actual, Target, MinSet, MaxSet), each with its
 * own mutability and persistence. variables.ts is generated from the OCA appendix CSV in this shape; tests and
 * vendor extensions may pass definitions of their own to DeviceModel.
 */
import type { AttributeEnumType, DataEnumType, MutabilityEnumType } from '../generated/NotifyReport.js';

export type { AttributeEnumType, DataEnumType, MutabilityEnumType };

/** The tier a component lives on: the station itself, each EVSE, or each connector of each EVSE. */
export type ComponentScope = 'station' | 'evse' | 'connector';

export interface AttributeDefinition {
  type: AttributeEnumType;
  mutability: MutabilityEnumType;
  persistent: boolean;
  constant: boolean;
  /** The value before anything is set or persisted ('' = no value yet, B06.FR.13). */
  default: string;
}

export interface VariableDefinition {
  name: string;
  instance?: string;
  dataType: DataEnumType;
  unit?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  /** An extra check for strings the OCA types do not express (identifierString, time offsets). */
  pattern?: string;
  /** A list type that must hold at least one member (e.g. TxStopPoint: empty would never end a transaction). */
  nonEmpty?: boolean;
  attributes: readonly AttributeDefinition[];
  /** The station supplies the Actual value at read time (clock, counters, EVSE state). */
  live: boolean;
  /** A change takes effect only after a reboot: SetVariables answers RebootRequired. */
  rebootRequired: boolean;
  /** The certification profile that requires it (part 5 §5 mandatory controllers, part 2 'Required'). */
  required: 'Core' | 'LocalAuthListManagement' | null;
  /** What the appendix CSV says in its Required? column. */
  csvRequired: boolean;
  description: string;
  src: string;
}

export interface ComponentDefinition {
  name: string;
  scope: ComponentScope;
  variables: readonly VariableDefinition[];
}
