/**
 * IEC 61851-1 (Annex A) control-pilot PWM duty cycle <-> maximum current, as quoted by public test-equipment
 * manuals (see reference spec-facts E.2). Pure functions shared by the simulated and the real pilot drivers.
 *
 * Encoder (EVSE side): 6–51 A → D = I / 0.6; 51–80 A → D = I / 2.5 + 64. An EVSE may not offer less than 6 A
 * by PWM, so such an offer switches PWM off (100 %, state x1) instead of signalling a current the EV cannot use.
 *
 * The two decoder bands do not meet: 85 % means 51 A, just above 85 % means just above 52.5 A. The plain encoder
 * formula for 51–52.5 A lands below 85 % (52 A → 84.8 %, read back as 50.88 A), so those offers are sent as 85 %
 * (51 A): the largest signal that never tells the EV more than was offered.
 */

export const MIN_PWM_CURRENT_A = 6;
export const MAX_PWM_CURRENT_A = 80;
/** Steady +12 V: PWM off, EVSE not ready to supply (A1/B1/C1). */
export const PWM_OFF_DUTY_PERCENT = 100;

/** Decoded currents are rounded to 1 mA: the formulas are exact, floating point is not (89.2 % → 63.00000000000001 A). */
const DECODE_STEPS_PER_A = 1000;

/**
 * The current a PWM offer of `amps` actually signals: 0 (PWM off) below 6 A, clamped to 80 A.
 * A non-finite request (NaN from a bad calculation) is treated as "offer nothing", the safe side.
 */
export function offerableCurrent(amps: number): number {
  if (!Number.isFinite(amps) || amps < MIN_PWM_CURRENT_A) return 0;
  return Math.min(amps, MAX_PWM_CURRENT_A);
}

/** Duty cycle in percent that offers `amps`; 100 when nothing can be offered (see offerableCurrent). */
export function dutyCycleForCurrent(amps: number): number {
  const a = offerableCurrent(amps);
  if (a === 0) return PWM_OFF_DUTY_PERCENT;
  // Multiply before dividing: 51 / 0.6 is 85.00000000000001, 51 * 10 / 6 is exactly 85.
  if (a <= 51) return (a * 10) / 6;
  if (a < 52.5) return 85;
  return a / 2.5 + 64;
}

/**
 * Maximum current an EV may draw for a measured duty cycle (EV side, and for the simulated EV and meter).
 * 0 means "no charging by PWM": below 3 % (state E/F), 3–7 % (digital communication, ISO 15118), 7–8 % (error),
 * above 97 % (100 % = EVSE not ready; 97–100 % is undefined) and anything not a finite number.
 */
export function currentForDutyCycle(duty: number): number {
  if (!Number.isFinite(duty) || duty < 8) return 0;
  if (duty < 10) return MIN_PWM_CURRENT_A;
  if (duty <= 85) return roundCurrent(duty * 0.6);
  if (duty <= 96) return roundCurrent((duty - 64) * 2.5);
  if (duty <= 97) return MAX_PWM_CURRENT_A;
  return 0;
}

function roundCurrent(a: number): number {
  return Math.round(a * DECODE_STEPS_PER_A) / DECODE_STEPS_PER_A;
}
