import { rule } from '../../../rules/logging/preserve-error-cause';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'a 4xx answer to the client is a deliberate mapping', code: 'try { await auth.login(u); } catch { throw new HttpException(getReasonPhrase(StatusCodes.FORBIDDEN), StatusCodes.FORBIDDEN); }\ntry { await find(id); } catch { throw new NotFoundException("no such id"); }\ntry { verify(t); } catch { throw new ApiError(401, "Please authenticate"); }' },
    { name: 'a failure of parsing input is described by its message', code: 'function headers(text) { try { return JSON.parse(text); } catch (e) { throw new Error(`Headers must be valid JSON: ${e.message}`); } }' },
    { name: 'a plain rethrow', code: 'try { run(); } catch (e) { throw e; }' },
    { name: 'cause given', code: 'try { run(); } catch (e) { throw new Error("run failed", { cause: e }); }' },
    { name: 'cause given by shorthand', code: 'try { run(); } catch (cause) { throw new AppError("run failed", { cause }); }' },
    { name: 'the error passed as an argument', code: 'try { run(); } catch (e) { throw new WrappedError(e); }' },
    { name: 'the error passed inside an options object among others', code: 'try { run(); } catch (e) { throw new AppError("x", 500, { inner: e }); }' },
    { name: 'an alias of the error given as cause', code: 'try { run(); } catch (e) { const err = e as Error; throw new AppError(err.message, { cause: err }); }' },
    { name: 'logged before the new error is thrown', code: 'try { run(); } catch (e) { logger.error({ err: e }, "run"); throw new AppError("x"); }' },
    { name: 'the stack logged as text before the new error is thrown', code: 'try { load(); } catch (e) { this.logger.error(`${msg}\n${e.message}\n${e.stack}`); throw new Error(msg); }' },
    { name: 'a thrown value that is not an error class', code: 'try { load(); } catch (e) { throw new Response("not found", { status: 404 }); }' },
    { name: 'a throw inside a nested callback runs later, elsewhere', code: 'try { run(); } catch (e) { items.forEach(() => { throw new Error("x"); }); }' },
    { name: 'a throw outside any handler', code: 'function check(x) { if (!x) throw new TypeError("x is required"); }' },
    { name: 'a throw in the try block', code: 'try { throw new Error("x"); } catch (e) { throw e; }' },
    { name: 'a throw of a factory result is not judged', code: 'try { run(); } catch (e) { throw createError(500, "x"); }' },
    { name: 'a throw in the else branch of a callback error check', code: 'fs.readFile(p, (err, d) => { if (err) { cb(err); } else { throw new Error("empty"); } });' },
    { name: 'a rejection handler that wraps with cause', code: 'run().catch((e) => { throw new AppError("x", { cause: e }); });' },
  ],
  invalid: [
    {
      name: 'message text built from the error, stack lost',
      code: 'try { run(); } catch (e) { throw new Error("run failed: " + e.message); }',
      errors: [{ messageId: 'lostCause', line: 1, column: 34, endLine: 1, endColumn: 71, suggestions: [
        { messageId: 'addCause', output: 'try { run(); } catch (e) { throw new Error("run failed: " + e.message, { cause: e }); }' },
      ] }],
      output: null,
    },
    {
      name: 'an unbound catch gets a binding and a cause',
      code: 'try { loadAll(body); } catch { throw new ServiceUnavailableException("load failed"); }',
      errors: [{ messageId: 'lostCause', line: 1, column: 38, endLine: 1, endColumn: 84, suggestions: [
        { messageId: 'addCause', output: 'try { loadAll(body); } catch (error) { throw new ServiceUnavailableException("load failed", { cause: error }); }' },
      ] }],
      output: null,
    },
    {
      name: 'a trailing options object gets the cause',
      code: 'run().catch(() => { throw new AppError("x", { code: 1 }); });',
      errors: [{ messageId: 'lostCause', line: 1, column: 27, endLine: 1, endColumn: 57, suggestions: [
        { messageId: 'addCause', output: 'run().catch((error) => { throw new AppError("x", { code: 1, cause: error }); });' },
      ] }],
      output: null,
    },
    {
      name: 'two positional arguments: no safe place for a cause',
      code: 'try { run(); } catch (err) {\n  if (err instanceof NotFound) {\n    throw new HttpError(503, "missing");\n  }\n  throw err;\n}',
      errors: [{ messageId: 'lostCause', line: 3, column: 11, endLine: 3, endColumn: 40, suggestions: null }],
      output: null,
    },
    {
      name: 'a Node callback error replaced by a new one',
      code: 'fs.readFile(p, (err) => { if (err) throw new Error("read failed"); });',
      errors: [{ messageId: 'lostCause', line: 1, column: 42, endLine: 1, endColumn: 66, suggestions: [
        { messageId: 'addCause', output: 'fs.readFile(p, (err) => { if (err) throw new Error("read failed", { cause: err }); });' },
      ] }],
      output: null,
    },
    {
      name: 'a .then rejection handler',
      code: 'p.then(ok, (reason) => {\n  throw new ServiceException(`call failed: ${reason}`);\n});',
      errors: [{ messageId: 'lostCause', line: 2, column: 9, endLine: 2, endColumn: 55, suggestions: [
        { messageId: 'addCause', output: 'p.then(ok, (reason) => {\n  throw new ServiceException(`call failed: ${reason}`, { cause: reason });\n});' },
      ] }],
      output: null,
    },
    {
      name: 'a single options-object argument gets the cause inside it',
      code: 'try { run(); } catch (e) { throw new DomainError({ message: "x", code: "E_RUN" }); }',
      errors: [{ messageId: 'lostCause', line: 1, column: 34, endLine: 1, endColumn: 82, suggestions: [
        { messageId: 'addCause', output: 'try { run(); } catch (e) { throw new DomainError({ message: "x", code: "E_RUN", cause: e }); }' },
      ] }],
      output: null,
    },
    {
      name: 'String(err) does not hand the error on',
      code: 'try { run(); } catch (e) { const text = String(e); throw new errors.ConfigError(text); }',
      errors: [{ messageId: 'lostCause', line: 1, column: 58, endLine: 1, endColumn: 86, suggestions: [
        { messageId: 'addCause', output: 'try { run(); } catch (e) { const text = String(e); throw new errors.ConfigError(text, { cause: e }); }' },
      ] }],
      output: null,
    },
    {
      name: 'the innermost handler counts, in a nested catch',
      code: 'try { a(); } catch (outer) {\n  try { b(); } catch (inner) { throw new TypeError("b failed", { cause: outer }); }\n}',
      errors: [{ messageId: 'lostCause', line: 2, column: 38, endLine: 2, endColumn: 81, suggestions: null }],
      output: null,
    },
    {
      name: 'an error created without arguments: no suggestion',
      code: 'try { run(); } catch (e) { throw new TimeoutError(); }',
      errors: [{ messageId: 'lostCause', line: 1, column: 34, endLine: 1, endColumn: 52, suggestions: null }],
      output: null,
    },
  ],
});
