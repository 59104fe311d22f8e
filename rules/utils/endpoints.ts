/**
 * Recognises network endpoints and credentials in string values: URLs with a network scheme,
 * connection strings, `host:port`, IPv4 addresses, and passwords in a URL's user info.
 */

export type EndpointKind = 'URL' | 'connection string' | 'host:port address' | 'IP address';

export interface EndpointMatch { kind: EndpointKind; host: string; credentials: boolean }

const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'ftps', 'sftp', 'grpc', 'grpcs', 'tcp', 'udp', 'ssh', 'ldap', 'ldaps', 'smtp', 'smtps']);
const CONNECTION_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'kafka',
  'nats', 'mqtt', 'mqtts', 'sqlserver', 'mssql', 'memcached', 'cassandra', 'clickhouse', 'couchbase', 'neo4j', 'bolt',
]);
/** Ports that make a single-label host (`redis:6379`, `kafka1:9092`) clearly a service address. */
const SERVICE_PORTS = new Set([80, 443, 1433, 1521, 2181, 3000, 3306, 4222, 5432, 5672, 6379, 8080, 8443, 9042, 9092, 9200, 11211, 27017]);
/** Hosts of documentation, XML namespaces and schemas: links and identifiers, not endpoints. */
const REFERENCE_HOSTS = new Set([
  'www.w3.org', 'w3.org', 'schemas.xmlsoap.org', 'schemas.microsoft.com', 'schemas.openxmlformats.org', 'purl.org', 'xmlns.com',
  'ns.adobe.com', 'json-schema.org', 'schema.org', 'github.com', 'www.github.com', 'gitlab.com', 'bitbucket.org', 'www.npmjs.com',
  'npmjs.com', 'developer.mozilla.org', 'nodejs.org', 'stackoverflow.com', 'en.wikipedia.org', 'opensource.org', 'spdx.org',
  'creativecommons.org', 'tools.ietf.org', 'datatracker.ietf.org', 'www.rfc-editor.org', 'semver.org', 'www.apache.org',
]);
const EXAMPLE_HOST = /(^|\.)example\.(com|org|net)$|\.(example|test|invalid)$|^example$/i;
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)$/i;

const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(?:([^\s/?#@]*)@)?(\[[0-9a-f:]+\]|[^\s/?#:@[\]]+)(?::(\d{1,5}))?([/?#]|$)/i;
/** Cloud instance-metadata services: fixed by the platform, not by the deployment. */
const METADATA_HOSTS = new Set(['169.254.169.254', 'metadata', 'metadata.google.internal', '[fd00:ec2::254]']);
const DOCS_PATH = /\/docs?\//i;
const HOST_PORT = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{2,5})$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?$/;
const PLACEHOLDER = /^[<{$*x]|^(user|username|pass|password)$/i;

function isReferenceHost(host: string): boolean {
  return REFERENCE_HOSTS.has(host.toLowerCase()) || host.toLowerCase().startsWith('docs.') || host.toLowerCase().endsWith('.readthedocs.io');
}

function isExampleOrLoopback(host: string): 'example' | 'loopback' | undefined {
  if (EXAMPLE_HOST.test(host)) return 'example';
  return LOOPBACK.test(host) ? 'loopback' : undefined;
}

function userInfoHasPassword(userInfo: string | undefined): boolean {
  if (!userInfo) return false;
  const colon = userInfo.indexOf(':');
  const password = colon < 0 ? '' : userInfo.slice(colon + 1);
  return password.length > 0 && !PLACEHOLDER.test(password);
}

function matchUrl(value: string, complete: boolean): EndpointMatch | undefined {
  const match = URL_PATTERN.exec(value);
  if (!match) return undefined;
  const [, rawScheme, userInfo, host, port, rest] = match;
  const scheme = rawScheme.toLowerCase();
  const connection = CONNECTION_SCHEMES.has(scheme);
  if (!connection && !WEB_SCHEMES.has(scheme)) return undefined;
  const credentials = userInfoHasPassword(userInfo);
  // In the static start of a template (`https://api.x.com${path}`) the host is only known when something follows it.
  if (!complete && rest === '' && port === undefined && !credentials) return undefined;
  if (isExampleOrLoopback(host) === 'example') return undefined;
  if (!connection && (isReferenceHost(host) || METADATA_HOSTS.has(host.toLowerCase()) || DOCS_PATH.test(value))) return undefined;
  // `http://localhost` with neither port nor path is the usual dummy base of `new URL(path, base)`.
  if (!credentials && isExampleOrLoopback(host) === 'loopback' && port === undefined && value.length === match[0].length) return undefined;
  return { kind: connection ? 'connection string' : 'URL', host, credentials };
}

function matchAddress(value: string): EndpointMatch | undefined {
  const ip = IPV4.exec(value);
  if (ip) {
    const octets = ip.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255) || octets[0] === 255 || octets[0] === 0) return undefined;
    if ((ip[5] === undefined && octets[0] === 127) || METADATA_HOSTS.has(octets.join('.'))) return undefined;
    return { kind: 'IP address', host: value, credentials: false };
  }
  const hostPort = HOST_PORT.exec(value);
  if (!hostPort || !/[a-z]/i.test(hostPort[1])) return undefined;
  const [, host, rawPort] = hostPort;
  const port = Number(rawPort);
  if (port > 65535 || isExampleOrLoopback(host) === 'example') return undefined;
  const looksLikeHost = host.includes('.') || host.toLowerCase() === 'localhost' || SERVICE_PORTS.has(port);
  return looksLikeHost && /^[a-z]/i.test(host) ? { kind: 'host:port address', host, credentials: false } : undefined;
}

/**
 * What endpoint a string value is, if any. `complete` is false for the static start of a
 * template literal. Prose (any whitespace) is never an endpoint: links in messages are documentation.
 */
export function matchEndpoint(value: string, complete: boolean): EndpointMatch | undefined {
  if (value.length < 7 || value.length > 2048 || /\s/.test(value)) return undefined;
  if (value.includes('://')) return matchUrl(value, complete);
  return complete && value.includes(':') || complete && /^\d/.test(value) ? matchAddress(value) : undefined;
}
