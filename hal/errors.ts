/** Stable machine codes for hardware errors; every code is listed in the README. */
export type HalErrorCode =
  | 'MODBUS_TIMEOUT'
  | 'MODBUS_CRC'
  | 'MODBUS_EXCEPTION'
  | 'MODBUS_SHORT_FRAME'
  | 'MODBUS_WRONG_UNIT'
  | 'MODBUS_WRONG_FUNCTION'
  | 'MODBUS_BYTE_COUNT'
  | 'MODBUS_BAD_MBAP'
  | 'PORT_CLOSED'
  | 'PORT_ERROR'
  | 'METER_STALE'
  | 'METER_BACKWARDS'
  | 'METER_UNAVAILABLE'
  | 'LOCK_FAILED'
  | 'UNLOCK_FAILED'
  | 'RCD_SELFTEST_FAILED'
  | 'GPIO_UNAVAILABLE'
  | 'PWM_UNAVAILABLE'
  | 'ADC_UNAVAILABLE'
  | 'NOT_SUPPORTED'
  | 'READER_TIMEOUT'
  | 'READER_BAD_FRAME'
  | 'READER_UNAVAILABLE'
  | 'BAD_CONFIG';

export class HalError extends Error {
  override readonly name = 'HalError';
  constructor(
    readonly code: HalErrorCode,
    message: string,
    readonly details: {
      modbusCode?: number;
      request?: Uint8Array;
      response?: Uint8Array;
      part?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}
