import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeMethod, calleeName, dottedName, findProperty, unwrapExpression } from '../../utils/ast-names';
import type { Node } from '../engine/types';
import { isHandlerArgument, stringValue } from './request-handlers';

/**
 * What a call does with a function handed to it, for how often that function runs:
 * - `repeats`: it runs once per request, message, event or tick, however often the registration ran;
 * - `inherits`: it runs about as often as the code that handed it over (`then`, `map`, `new Promise`,
 *   `once(...)`, `listen(port, cb)`, `setTimeout`);
 * - `handed`: a call this module does not know (`db.query(sql, cb)`, `controller.hears(…, cb)`) may call it
 *   once or for each of many events: per call when the code handing it over runs per call, else unknown;
 * - `uncounted`: it is a listener for an event whose rate nothing here shows (`emitter.on('change', fn)`).
 */
export type Registration =
  | { kind: 'repeats'; trigger: RepeatTrigger; what: string }
  | { kind: 'inherits' }
  | { kind: 'handed'; to: string }
  | { kind: 'uncounted'; what: string };

/**
 * Why code repeats. `invocation` is a serverless entry (AWS Lambda `handler`): it runs per call,
 * but an instance serves one invocation at a time, so blocking it stalls no other caller.
 */
export type RepeatTrigger = 'request' | 'message' | 'timer' | 'invocation' | 'render';

/** Events that fire once per request, message or connection. */
const PER_EVENT_EVENTS = new Set([
  'request', 'message', 'messageCreate', 'messageUpdate', 'messageDelete', 'interactionCreate', 'connection', 'upgrade', 'stream',
  'guildMemberAdd', 'messageReactionAdd', 'voiceStateUpdate', 'job', 'task',
]);
/** Events an emitter fires once in its life: a listener for them runs as often as the code that added it. */
const ONE_SHOT_EVENTS = new Set(['ready', 'listening', 'exit', 'close', 'end', 'finish', 'open', 'spawn']);
const LISTENER_METHODS = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'subscribe']);
const ONCE_METHODS = new Set(['once', 'prependOnceListener']);
/** `cron.schedule('* * * * *', fn)`, `schedule.scheduleJob(rule, fn)`, `agenda.define('job', fn)`. */
const SCHEDULE_METHODS = new Set(['schedule', 'scheduleJob', 'define']);
/** `new CronJob('* * * * *', fn)` (cron), `new Cron('* * * * *', fn)` (croner). */
const CRON_CLASSES = new Set(['CronJob', 'Cron']);
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect']);
/**
 * Chat-bot registrations (botkit `controller.hears(patterns, types, fn)`, Telegraf/grammY `bot.command('x', fn)`,
 * Slack Bolt `app.event('app_mention', fn)`): the callback, after a pattern or name, answers each matching message.
 */
const CHAT_METHODS = new Set(['hears', 'command', 'action', 'event', 'message', 'shortcut', 'view', 'callbackQuery', 'inlineQuery']);
/** Calls known to run their callback as often as they run themselves (or never): promises, array iteration, deferrals. */
const PASS_THROUGH_METHODS = new Set([
  'then', 'catch', 'finally', 'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'flatMap', 'sort', 'setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'listen', 'ready', 'whenReady', 'run',
]);

/** The event a listener call names: `'message'`, or discord.js's `Events.MessageCreate` as `messageCreate`. */
export function eventNameOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const literal = stringValue(node);
  if (literal !== undefined) return literal;
  const dotted = dottedName(node);
  if (dotted === undefined || !dotted.includes('.')) return undefined;
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return last.charAt(0).toLowerCase() + last.slice(1);
}

function listenerRegistration(call: TSESTree.CallExpression, method: string): Registration {
  const event = eventNameOf(call.arguments[0]);
  const options = call.arguments[2];
  const once = ONCE_METHODS.has(method)
    || (options?.type === 'ObjectExpression' && findProperty(options, 'once')?.value.type === 'Literal'
      && (findProperty(options, 'once')!.value as TSESTree.Literal).value === true);
  if (once || (event !== undefined && ONE_SHOT_EVENTS.has(event))) return { kind: 'inherits' };
  if (event !== undefined && PER_EVENT_EVENTS.has(event)) {
    return { kind: 'repeats', trigger: 'message', what: `a listener for \`${event}\` events` };
  }
  return { kind: 'uncounted', what: event === undefined ? 'an event listener' : `a listener for \`${event}\` events` };
}

/** What the call at `call.arguments[index]` does with the function found there. */
export function registrationOfArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): Registration {
  const method = calleeMethod(call);
  const callee = unwrapExpression(call.callee);
  if (call.type === 'NewExpression') {
    if (method !== undefined && CRON_CLASSES.has(method) && index >= 1) return { kind: 'repeats', trigger: 'timer', what: `a \`${method}\` job` };
    // bullmq's `new Worker('queue', async (job) => …)`
    if (isHandlerArgument(call, index)) return { kind: 'repeats', trigger: 'message', what: `a queue worker (\`new ${method}\`)` };
    return method === 'Promise' ? { kind: 'inherits' } : { kind: 'handed', to: `new ${method ?? 'constructor'}` };
  }
  if (method === 'setInterval' && index === 0) return { kind: 'repeats', trigger: 'timer', what: 'a `setInterval` callback' };
  if (method !== undefined && SCHEDULE_METHODS.has(method) && index >= 1 && index === call.arguments.length - 1 && callee.type === 'MemberExpression') {
    return { kind: 'repeats', trigger: 'timer', what: `a scheduled job (\`${calleeName(call) ?? method}\`)` };
  }
  if (method !== undefined && EFFECT_HOOKS.has(method) && index === 0) return { kind: 'repeats', trigger: 'render', what: `a \`${method}\` callback (runs on every mount)` };
  if (method !== undefined && ONCE_METHODS.has(method)) return { kind: 'inherits' };
  if (isHandlerArgument(call, index)) {
    const name = calleeName(call) ?? method ?? 'a route';
    return { kind: 'repeats', trigger: method === 'on' || method === 'addListener' ? 'message' : 'request', what: `a handler registered with \`${name}\`` };
  }
  if (method !== undefined && LISTENER_METHODS.has(method) && index === 1 && callee.type === 'MemberExpression') return listenerRegistration(call, method);
  if (method !== undefined && CHAT_METHODS.has(method) && index >= 1 && index === call.arguments.length - 1 && callee.type === 'MemberExpression') {
    return { kind: 'repeats', trigger: 'message', what: `a bot handler registered with \`${calleeName(call) ?? method}\`` };
  }
  if (method !== undefined && PASS_THROUGH_METHODS.has(method)) return { kind: 'inherits' };
  return { kind: 'handed', to: calleeName(call) ?? method ?? 'a call' };
}
