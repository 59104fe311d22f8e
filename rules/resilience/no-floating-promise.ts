import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ProgramCondition, ReportDescriptor, RuleSourceCode } from '../core/engine/types';
import { calleeMethod, dottedName, enclosingFunction, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { moduleBindings, type ModuleBinding } from '../utils/imports';
import { importsPromiseClient, promiseApiOf } from '../core/knowledge/promise-apis';
import { ProvenanceResolver } from '../core/knowledge/provenance';
import { SERVICE_CODE } from '../core/roles/role-sets';
import { functionSummaries } from '../core/knowledge/function-summaries';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { UNHANDLED_REJECTION_HANDLER } from '../core/project/module-facts';

interface Candidate { statement: TSESTree.ExpressionStatement; call: TSESTree.CallExpression; voided: boolean }

/** The call a statement holds, with whether it is `void`ed: `void save()`, `save().then(f)`. */
function statementCall(statement: TSESTree.ExpressionStatement): { call: TSESTree.CallExpression; voided: boolean } | undefined {
  let expression = unwrapExpression(statement.expression);
  let voided = false;
  if (expression.type === 'UnaryExpression' && expression.operator === 'void') {
    voided = true;
    expression = unwrapExpression(expression.argument);
  }
  return expression.type === 'CallExpression' ? { call: expression, voided } : undefined;
}

/**
 * Whether the outermost call settles the rejection itself: `.catch(...)` (a handler-less `.catch()`
 * is no-swallowed-error's finding) or `.then(onFulfilled, onRejected)`.
 */
function settlesRejection(call: TSESTree.CallExpression): boolean {
  const method = calleeMethod(call);
  return method === 'catch' || (method === 'then' && call.arguments.length >= 2);
}

/** `save`, `this.repo.save`; a chain on a computed receiver by its last link: `….then()`. */
function callLabel(call: TSESTree.CallExpression, sourceCode: RuleSourceCode): string {
  const name = dottedName(call.callee);
  if (name !== undefined) return name;
  const method = calleeMethod(call);
  return method !== undefined && unwrapExpression(call.callee).type === 'MemberExpression' ? `….${method}` : sourceCode.getText(call.callee);
}

/** `void task(); // fire and forget: the audit log may lag` — a comment on the line or right above makes the intent explicit. */
function explained(statement: TSESTree.ExpressionStatement, sourceCode: RuleSourceCode): boolean {
  const line = statement.loc.start.line;
  return sourceCode.getAllComments().some((comment) => comment.loc.end.line === line - 1 || comment.loc.start.line === line);
}

export const rule = createRule({
  id: 'resilience/no-floating-promise',
  description: 'Disallow promises that are neither awaited, returned nor caught in code that runs per request, message or event.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    floatingPromise: '`{{call}}` returns a promise ({{why}}) that is neither awaited, returned nor caught, in code that runs per call ({{frequency}}): if it rejects, Node raises an unhandled rejection, which ends the process by default (Node 15+), and the caller carries on before the work is done. Await it, return it, or add a `.catch()` that logs the error.',
    voidedWithoutCatch: '`void {{call}}` drops a promise ({{why}}) with no `.catch()`, in code that runs per call ({{frequency}}): if it rejects, Node raises an unhandled rejection, which ends the process by default (Node 15+). Add a `.catch()` that logs the error, or say why it is fire-and-forget in a comment.',
    addAwait: 'Await the promise.',
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
    let provenance: ProvenanceResolver | undefined;
    let clientsImported = false;
    const candidates: Candidate[] = [];

    /** Why the call gives a promise that can reject, and, for a function of another module, the condition the project pass checks. */
    const promiseOf = (call: TSESTree.CallExpression, site: TSESTree.Node): { why: string; condition?: ProgramCondition } | undefined => {
      const api = promiseApiOf(call, bindings, clientsImported ? (expression) => (provenance ??= new ProvenanceResolver(sourceCode.ast, sourceCode)).of(expression) : undefined);
      if (api?.kind === 'chain') {
        // A chain is a native promise only if what it starts from is one: Sequelize 4's Bluebird, for one,
        // reports its own unhandled rejections and never ends the process.
        const receiver = unwrapExpression(api.receiver);
        const root = receiver.type === 'CallExpression' ? promiseOf(receiver, site) : undefined;
        return root && { ...root, why: `a \`.${api.method}()\` chain on ${root.why}, which passes a rejection on` };
      }
      if (api) return { why: api.kind === 'client' ? `a \`${api.package}\` client's \`${api.method}\`` : 'a promise API' };
      const summaries = functionSummaries(sourceCode);
      const local = summaries.localCallee(call, site);
      if (local) {
        const summary = summaries.of(local);
        return summary.async && !summary.cannotReject ? { why: 'an async function of this module' } : undefined;
      }
      // Without a project pass (ESLint) a function of another module is unknown: no finding.
      const target = context.programPass ? summaries.importedCallee(call) : undefined;
      if (!target) return undefined;
      return { why: `an async function of \`${target.module}\``, condition: { kind: 'if-callee-summary', ...target, holds: 'rejectable-promise' } };
    };

    return {
      Program(node) {
        bindings = moduleBindings(node as TSESTree.Program);
        // Provenance needs scope analysis: asked for only in modules that import a client package.
        clientsImported = importsPromiseClient(bindings);
      },
      ExpressionStatement(node) {
        const statement = node as TSESTree.ExpressionStatement;
        const found = statementCall(statement);
        if (!found || settlesRejection(found.call)) return;
        if (found.voided && explained(statement, sourceCode)) return;
        candidates.push({ statement, ...found });
      },
      // Decided once the walk has linked every node to its parent: provenance looks names up by scope.
      'Program:exit'() {
        for (const candidate of candidates) check(candidate);
      },
    };

    function check({ statement, call, voided }: Candidate): void {
      // The module's own top level runs once: no need for the run-frequency analysis (and its scopes).
      if (!enclosingFunction(statement)) return;
      const promise = promiseOf(call, statement);
      if (!promise) return;
      const estimate = runFrequencyAt(context, statement);
      if (estimate.frequency !== 'per-call') return;
      const canAwait = enclosingFunction(statement)?.async === true;
      const descriptor: ReportDescriptor = {
        node: call.callee, messageId: voided ? 'voidedWithoutCatch' : 'floatingPromise',
        data: { call: callLabel(call, sourceCode), why: promise.why, frequency: estimate.reason },
        suggest: canAwait ? [{
          messageId: 'addAwait',
          fix: (fixer) => fixer.replaceText(statement.expression, `await ${sourceCode.getText(call)}`),
        }] : null,
        // A process-wide `unhandledRejection` listener decides what happens instead of Node's default:
        // the message's claim no longer holds, and the rejection is at least reported there.
        programCondition: [{ kind: 'unless-client-default', defaults: [UNHANDLED_REJECTION_HANDLER] }, ...(promise.condition ? [promise.condition] : [])],
      };
      context.report(descriptor);
    }
  },
});
