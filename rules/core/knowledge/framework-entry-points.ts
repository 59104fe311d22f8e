import { NEST_HANDLER_DECORATORS } from './request-handlers';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, dottedName, findProperty, type FunctionNode, staticKeyName, unwrapExpression } from '../../utils/ast-names';
import type { Node } from '../engine/types';
import type { RepeatTrigger } from './callback-registrations';

/**
 * Functions a framework calls, and how often it calls them, as their declaration shows: Nest
 * lifecycle hooks and scheduled methods, discord.js event and command modules (plain objects and
 * the classes of frameworks like @eartharoid/dbf or Sapphire).
 */
export type DeclaredFrequency =
  | { frequency: 'once'; what: string }
  | { frequency: 'per-call'; trigger: RepeatTrigger; what: string };

/** Nest calls these once per provider, and providers are singletons unless scoped. */
const LIFECYCLE_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);
const SCHEDULE_DECORATORS = new Set(['Cron', 'Interval']);
const MESSAGE_DECORATORS = new Set(['OnEvent', 'Process', 'OnQueueActive', 'OnQueueCompleted', 'OnQueueFailed', 'SqsMessageHandler', 'RabbitSubscribe', 'OnWorkerEvent']);
/** Decorators of classes a dependency-injection container creates once (Nest, TypeDI, Angular-style). */
const PROVIDER_DECORATORS = new Set(['Injectable', 'Controller', 'Module', 'Resolver', 'WebSocketGateway', 'Processor', 'Service', 'Catch']);
/** The method a discord framework calls per event or command. */
const ENTRY_METHODS = new Set(['execute', 'run']);
/** Base classes of discord frameworks whose `run`/`execute` answers each command or component use. */
const COMMAND_BASES = /(Command|Button|Modal|Menu|Autocompleter|Interaction|SelectMenu)$/;
const LISTENER_BASES = new Set(['Listener', 'Event', 'EventListener']);

function decoratorNames(decorators: readonly TSESTree.Decorator[] | undefined): string[] {
  return (decorators ?? []).map((d) => {
    const expression = d.expression;
    return (expression.type === 'CallExpression' ? calleeName(expression) : dottedName(expression)) ?? '';
  });
}

/** The provider decorator of a class (`@Injectable()`), if it has one. */
export function providerDecorator(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string | undefined {
  return decoratorNames(cls.decorators).find((name) => PROVIDER_DECORATORS.has(name));
}

/**
 * A provider the container creates once for the whole process: a provider decorator without a
 * `scope` option (`@Injectable({ scope: Scope.REQUEST })` makes one per request).
 */
export function isSingletonProvider(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  if (providerDecorator(cls) === undefined) return false;
  return !(cls.decorators ?? []).some((d) => d.expression.type === 'CallExpression'
    && d.expression.arguments.some((a) => a.type === 'ObjectExpression' && findProperty(a, 'scope') !== undefined));
}

function isTrueLiteral(node: Node | undefined): boolean {
  return node?.type === 'Literal' && node.value === true;
}

/** `module.exports = {…}`, `exports.default = {…}`, `export default {…}`. */
function isExportedObject(object: TSESTree.ObjectExpression): boolean {
  let holder: Node | undefined = object.parent;
  while (holder && (holder.type === 'TSAsExpression' || holder.type === 'TSSatisfiesExpression')) holder = holder.parent;
  if (holder?.type === 'ExportDefaultDeclaration') return true;
  if (holder?.type !== 'AssignmentExpression') return false;
  const target = dottedName(holder.left);
  return target === 'module.exports' || target === 'exports.default';
}

/** `{ name: 'ready', once: true, execute() {…} }` / `{ data: new SlashCommandBuilder(), execute() {…} }`. */
function moduleObjectFrequency(object: TSESTree.ObjectExpression): DeclaredFrequency | undefined {
  if (!isExportedObject(object)) return undefined;
  if (isTrueLiteral(findProperty(object, 'once')?.value)) return { frequency: 'once', what: 'an event module declared `once: true`' };
  if (findProperty(object, 'data') || findProperty(object, 'name') || findProperty(object, 'event')) {
    return { frequency: 'per-call', trigger: 'message', what: 'the `execute` of a command/event module, run for each event' };
  }
  return undefined;
}

function constructorOf(body: TSESTree.ClassBody): TSESTree.MethodDefinition | undefined {
  return body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
}

/** The options object a constructor hands to `super(client, {…})`, and whether it sets `this.once = true`. */
function constructorSays(ctor: TSESTree.MethodDefinition | undefined): { superOptions: TSESTree.ObjectExpression[]; once: boolean } {
  const superOptions: TSESTree.ObjectExpression[] = [];
  let once = false;
  for (const statement of ctor?.value.body?.body ?? []) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = unwrapExpression(statement.expression);
    if (expression.type === 'CallExpression' && expression.callee.type === 'Super') {
      for (const arg of expression.arguments) if (arg.type === 'ObjectExpression') superOptions.push(arg);
    } else if (expression.type === 'AssignmentExpression' && dottedName(expression.left) === 'this.once' && isTrueLiteral(expression.right)) {
      once = true;
    }
  }
  return { superOptions, once };
}

/** `class extends Listener { constructor(c, o) { super(c, { event: 'ready', once: true }) } run() {…} }`. */
function listenerClassFrequency(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): DeclaredFrequency | undefined {
  const base = cls.superClass ? dottedName(cls.superClass)?.split('.').pop() : undefined;
  if (base === undefined) return undefined;
  const { superOptions, once } = constructorSays(constructorOf(cls.body));
  if (once || superOptions.some((o) => isTrueLiteral(findProperty(o, 'once')?.value))) {
    return { frequency: 'once', what: 'a listener class declared `once`' };
  }
  if (LISTENER_BASES.has(base)) return { frequency: 'per-call', trigger: 'message', what: `the \`run\` of a \`${base}\`, run for each event` };
  if (COMMAND_BASES.test(base)) return { frequency: 'per-call', trigger: 'message', what: `the \`run\` of a \`${base}\`, run for each use` };
  return undefined;
}

/** How often the framework calls this function, when its declaration says so. */
export function declaredFrequency(fn: FunctionNode): DeclaredFrequency | undefined {
  const holder = fn.parent;
  if (holder?.type === 'MethodDefinition' && holder.value === fn) {
    const name = staticKeyName(holder.key, holder.computed);
    if (name !== undefined && LIFECYCLE_HOOKS.has(name)) return { frequency: 'once', what: `the Nest lifecycle hook \`${name}\`` };
    const decorators = decoratorNames(holder.decorators);
    const schedule = decorators.find((d) => SCHEDULE_DECORATORS.has(d));
    if (schedule) return { frequency: 'per-call', trigger: 'timer', what: `a \`@${schedule}\` job` };
    const message = decorators.find((d) => MESSAGE_DECORATORS.has(d));
    if (message) return { frequency: 'per-call', trigger: 'message', what: `a \`@${message}\` handler` };
    const route = decorators.find((d) => NEST_HANDLER_DECORATORS.has(d));
    if (route) return { frequency: 'per-call', trigger: 'request', what: `a \`@${route}\` handler` };
    if (name !== undefined && ENTRY_METHODS.has(name) && !holder.static) return listenerClassFrequency(holder.parent.parent);
    return undefined;
  }
  if (holder?.type === 'Property' && holder.value === fn && holder.parent.type === 'ObjectExpression') {
    const name = staticKeyName(holder.key, holder.computed);
    if (name !== undefined && ENTRY_METHODS.has(name)) return moduleObjectFrequency(holder.parent);
  }
  return undefined;
}
