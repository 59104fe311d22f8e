import { ErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver';

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * A request handler that logs its failure and answers it with an InternalError response: one bad
 * file or one buggy rule costs one answer, never the server.
 */
export function guardRequest<P, R, T>(log: RemoteConsole, name: string, handler: (params: P, token: T) => R | Promise<R>) {
  return async (params: P, token: T): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (error) {
      log.error(`${name} failed: ${describeError(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Opslint: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** A notification or event handler: there is no one to answer, so the failure is logged. */
export function guardEvent<P>(log: RemoteConsole, name: string, handler: (params: P) => void | Promise<void>) {
  return (params: P): void => {
    try {
      const pending = handler(params);
      if (pending) pending.catch((error: unknown) => log.error(`${name} failed: ${describeError(error)}`));
    } catch (error) {
      log.error(`${name} failed: ${describeError(error)}`);
    }
  };
}
