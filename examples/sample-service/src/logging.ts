/** The service's structured logger. Named `journal`, so opslint.config.json lists it in settings.loggers. */
type Fields = Record<string, unknown>;

function write(level: string, fields: Fields, message: string): void {
  const record = { level, time: new Date().toISOString(), message, ...fields };
  process.stdout.write(`${JSON.stringify(record, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value))}\n`);
}

export const journal = {
  info: (fields: Fields, message: string) => write('info', fields, message),
  warn: (fields: Fields, message: string) => write('warn', fields, message),
  error: (fields: Fields, message: string) => write('error', fields, message),
};
