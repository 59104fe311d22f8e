/**
 * Recognises network endpoints and credentials in string values: URLs with a network scheme,
 * connection strings, `host:port`, IPv4 addresses, and passwords in a URL's user info.
 */

export type EndpointKind = 'URL' | 'connection string' | 'host:port address' | 'IP address' | 'host name';

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
    return { kind: 'IP address', host: octets.join('.'), credentials: false };
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

const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * A bare host name (`db.internal`, `redis`, `smtp.vendor.com`): an address only where something
 * takes it as a host, so the caller says where it stands (a `host` option of a client).
 */
export function matchHostName(value: string): EndpointMatch | undefined {
  if (value.length < 2 || value.length > 253 || !HOST_NAME.test(value) || !/[a-z]/i.test(value)) return undefined;
  if (isExampleOrLoopback(value) === 'example' || isReferenceHost(value) || METADATA_HOSTS.has(value.toLowerCase())) return undefined;
  return { kind: 'host name', host: value, credentials: false };
}

/**
 * How far a host reaches, which says how tightly an address binds the code to one environment:
 * - `loopback`: this machine (`localhost`, `127.0.0.1`, `0.0.0.0`);
 * - `internal`: a name or address that resolves only inside one network: private and link-local
 *   IPv4 ranges, internal domains (`.internal`, `.local`, `.svc`, `.corp`, `.lan`, ...) and
 *   single-label names (`db`, `redis`, the service names of a compose file or cluster);
 * - `environment`: a public name that says which environment it is (`api.staging.acme.io`, `dev-api.acme.io`);
 * - `public`: any other public host (a vendor's API, the project's own public site).
 */
export type HostScope = 'loopback' | 'internal' | 'environment' | 'public';

const INTERNAL_SUFFIX = /\.(internal|local|localdomain|lan|intranet|intra|corp|private|home\.arpa|svc|cluster)$/i;
const INTERNAL_LABEL = new Set(['internal', 'intranet', 'corp', 'private']);
/** Labels that name a deployment stage (split on `-` as well: `dev-api`, `api-staging`). */
const ENVIRONMENT_LABEL = new Set(['prod', 'production', 'staging', 'stage', 'stg', 'dev', 'develop', 'development', 'qa', 'uat', 'test', 'testing', 'sandbox', 'preprod', 'nonprod']);
/** Second-level labels under which the registrable domain takes three labels (`acme.co.uk`). */
const GENERIC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu']);

function isPrivateIpv4(host: string): boolean {
  const octets = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host)?.slice(1, 3).map(Number);
  if (!octets) return false;
  const [a, b] = octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

/** The labels left of the registrable domain: `api.staging` for `api.staging.acme.io`. */
function subdomainLabels(host: string): string[] {
  const labels = host.toLowerCase().split('.');
  const domainLength = labels.length >= 3 && GENERIC_SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(0, Math.max(0, labels.length - domainLength));
}

export function hostScope(host: string): HostScope {
  if (LOOPBACK.test(host) || /^127\./.test(host)) return 'loopback';
  if (/^\[f[cd][0-9a-f]{2}:/i.test(host) || isPrivateIpv4(host) || INTERNAL_SUFFIX.test(host)) return 'internal';
  if (!host.includes('.') && !host.startsWith('[')) return 'internal';
  const parts = subdomainLabels(host).flatMap((label) => label.split('-'));
  // `billing.internal.acme.io`: a public name for a private zone (split-horizon DNS).
  if (parts.some((part) => INTERNAL_LABEL.has(part))) return 'internal';
  return parts.some((part) => ENVIRONMENT_LABEL.has(part)) ? 'environment' : 'public';
}
