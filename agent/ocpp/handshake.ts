/**
 * What the Charge Point puts into the WebSocket opening handshake (OCPP-J 1.6 §3.1, §6.2.2).
 */
import { RpcConfigError } from './errors.js';

/**
 * Connection URL = endpoint URL + '/' + percent-encoded identity (§3.1.1: "RDAM 123" → ".../RDAM%20123").
 * Works on the parsed URL so that a trailing slash does not double and a query string stays at the end.
 */
export function connectionUrl(baseUrl: string, identity: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RpcConfigError('endpoint URL is not a valid URL');
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new RpcConfigError(`endpoint URL scheme must be ws or wss, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (identity.length === 0) throw new RpcConfigError('charge point identity is empty');
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(identity)}`;
  return url.toString();
}

/**
 * HTTP Basic credentials. In OCPP 1.6 the password is the 20-byte AuthorizationKey used as raw bytes (the spec's
 * example: "AL1000" + key 0001020304050607FFFFFFFFFFFFFFFFFFFFFFFF → "QUwxMDAwOgABAgMEBQYH////////////////"), so it
 * is built here rather than with ws's `auth` option, which only takes text. A string password (2.0.1's
 * passwordString) is sent as UTF-8.
 */
export function basicAuthHeader(username: string, password: Buffer | string): string {
  const pw = typeof password === 'string' ? Buffer.from(password, 'utf8') : password;
  return `Basic ${Buffer.concat([Buffer.from(`${username}:`, 'utf8'), pw]).toString('base64')}`;
}

/** The URL without userinfo, for logs: credentials must never reach a log line. */
export function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
    }
    return url.toString();
  } catch {
    return '(invalid URL)';
  }
}
