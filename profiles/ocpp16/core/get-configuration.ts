import { OcppCallError } from '../../../agent/ocpp/errors.js';
import type { Ocpp16Context } from '../context.js';
import type { GetConfigurationRequest, GetConfigurationResponse } from '../generated/index.js';

export async function getConfiguration(ctx: Ocpp16Context, req: GetConfigurationRequest): Promise<GetConfigurationResponse> {
  const asked = req.key;
  if (asked === undefined || asked.length === 0) {
    return { configurationKey: ctx.keys.keys().map((d) => ctx.keys.get(d.key)!) };
  }
  // GetConfigurationMaxKeys is the limit we publish; a request beyond it breaks an occurrence constraint.
  if (asked.length > ctx.getConfigurationMaxKeys)
    throw new OcppCallError('OccurenceConstraintViolation', `at most ${ctx.getConfigurationMaxKeys} keys per request (GetConfigurationMaxKeys)`);
  const configurationKey: NonNullable<GetConfigurationResponse['configurationKey']> = [];
  const unknownKey: string[] = [];
  for (const k of asked) {
    const v = ctx.keys.get(k);
    if (v) configurationKey.push(v);
    else unknownKey.push(k);
  }
  const res: GetConfigurationResponse = {};
  if (configurationKey.length) res.configurationKey = configurationKey;
  if (unknownKey.length) res.unknownKey = unknownKey;
  return res;
}
