import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { functionName, type FunctionNode, isFunctionNode, staticKeyName, unwrapExpression } from '../../utils/ast-names';
import type { Node, RuleContext, RuleSourceCode } from '../engine/types';
import { type Registration, registrationOfArgument, type RepeatTrigger } from './callback-registrations';
import { declaredFrequency, providerDecorator } from './framework-entry-points';
import { isExportedLambdaHandler, isHandlerFunction } from './request-handlers';
import { hasStartupName } from './startup-code';
import { type ClassNode, FileIndex, isClass, type Unit } from './run-frequency-index';

/**
 * HOW OFTEN CODE RUNS. Every function of a file gets an estimate:
 * - `once`: module top level and what only it reaches (start-up code, `once` listeners, Nest
 *   lifecycle hooks, constructors of providers);
 * - `per-call`: request, message, event, cron and interval handlers and what they reach in this file;
 * - `unknown`: everything whose callers the file does not show (exported functions, public methods,
 *   listeners for events of unknown rate, callbacks start-up code hands to calls this module does not know).
 * A function's estimate is the highest (`per-call` > `unknown` > `once`) of what its uses bring in: each call
 * site brings the estimate of the code around it, so values are solved together, over the whole file.
 * Rules that warn about repetition (blocking, leaking, growing per call) report only `per-call` code.
 */
export type RunFrequency = 'once' | 'per-call' | 'unknown';

export interface FrequencyEstimate {
  readonly frequency: RunFrequency;
  /** Why, as a clause that completes "this code runs …, because": "it is a `setInterval` callback". */
  readonly reason: string;
  /** For per-call code: what makes it repeat. */
  readonly trigger?: RepeatTrigger;
  /** For `once`: only a function's name (`init`, `start`) says so, here or in the code that reaches this; no call in the file shows it. */
  readonly fromNameOnly?: boolean;
}


/** Value flows into a unit from the code that calls it, creates it or holds it. `undefined` is the module's top level. */
interface Input {
  from: Unit | undefined;
  /** Handed to a call this file does not know: it repeats with `from`, but need not run only once when `from` does. */
  handedTo?: string;
}

interface UnitFacts {
  /** The estimate before any input raises it; final when `fixed`. */
  floor: Estimate;
  fixed: boolean;
  inputs: Input[];
}

/** An estimate and, for per-call code, the handler it was reached from (for the reason text). */
interface Estimate extends FrequencyEstimate { readonly anchor?: string }

const RANK: Record<RunFrequency, number> = { once: 0, unknown: 1, 'per-call': 2 };
const MODULE_LEVEL: Estimate = { frequency: 'once', reason: 'it is module top-level code, run once when the module loads' };
const REACHED_FROM_ONCE: Estimate = { frequency: 'once', reason: 'it is reached only from code that runs once' };
const REACHED_FROM_NAMED_ONCE: Estimate = { ...REACHED_FROM_ONCE, fromNameOnly: true };
const REQUEST_HANDLER: Estimate = { frequency: 'per-call', trigger: 'request', anchor: 'a request handler', reason: 'it is a request handler' };

function perCall(trigger: RepeatTrigger, anchor: string): Estimate {
  return { frequency: 'per-call', trigger, anchor, reason: `it is ${anchor}` };
}

function unknown(reason: string): Estimate {
  return { frequency: 'unknown', reason };
}

/** What flows from `source` into the code it calls or holds. */
function lift(source: Estimate, handedTo: string | undefined): Estimate {
  if (source.frequency === 'per-call') return { frequency: 'per-call', trigger: source.trigger, anchor: source.anchor, reason: `it is reached from ${source.anchor}` };
  if (handedTo !== undefined) return unknown(`it is handed to \`${handedTo}\`, which may call it once or for every event`);
  if (source.frequency === 'once') return source.fromNameOnly ? REACHED_FROM_NAMED_ONCE : REACHED_FROM_ONCE;
  return unknown('it is reached from code whose frequency this file does not show');
}


/**
 * The unit whose runs run the code at `node`: the nearest function, or the class for an instance
 * field's initializer (it runs per instance); `undefined` at the module's top level.
 */
function containerOf(node: Node): Unit | undefined {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return parent;
    if (parent.type === 'PropertyDefinition' && parent.value === child && !parent.static && isClass(parent.parent.parent)) return parent.parent.parent;
  }
  return undefined;
}

/** How a function (or class) is used where a reference to it appears. */
type Use = { kind: 'call'; at: Node } | { kind: 'argument'; call: TSESTree.CallExpression | TSESTree.NewExpression; index: number } | { kind: 'escape' };

function useOf(reference: Node): Use {
  let node: Node = reference;
  let parent = node.parent;
  while (parent && (parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'ChainExpression')) {
    node = parent;
    parent = node.parent;
  }
  // `f.call(this, x)`, `f.apply(…)` call it; `f.bind(this)` hands over a function that calls it.
  if (parent?.type === 'MemberExpression' && parent.object === node && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) {
    const method = staticKeyName(parent.property, parent.computed);
    if (method === 'call' || method === 'apply') return { kind: 'call', at: parent.parent };
    if (method === 'bind') return useOf(parent.parent);
  }
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression')) {
    if (parent.callee === node) return { kind: 'call', at: parent };
    const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (index >= 0) return { kind: 'argument', call: parent, index };
  }
  return { kind: 'escape' };
}

/** Facts whose estimate is final, whatever calls the unit. */
function fixedAt(estimate: Estimate): UnitFacts {
  return { floor: estimate, fixed: true, inputs: [] };
}

/** Facts of code that runs as often as `from` does. */
function runsWith(from: Unit | undefined): UnitFacts {
  return { floor: REACHED_FROM_ONCE, fixed: false, inputs: [{ from }] };
}

/** The run-frequency estimates of one file, computed together on first use. */
class FrequencyAnalysis {
  private readonly estimates = new Map<Unit, Estimate>();

  constructor(private readonly sourceCode: RuleSourceCode) {
    const index = new FileIndex(sourceCode);
    const facts = new Map<Unit, UnitFacts>();
    for (const unit of index.units) facts.set(unit, this.factsOf(unit, index));
    this.solve(facts);
  }

  estimateOf(unit: Unit | undefined): FrequencyEstimate {
    const estimate = unit === undefined ? MODULE_LEVEL : this.estimates.get(unit) ?? unknown('it was not analysed');
    return { frequency: estimate.frequency, reason: estimate.reason, trigger: estimate.trigger, ...(estimate.fromNameOnly ? { fromNameOnly: true } : {}) };
  }

  /** Raises each unit from its floor by its inputs until nothing changes (a worklist; values only go up). */
  private solve(facts: Map<Unit, UnitFacts>): void {
    const dependents = new Map<Unit, Unit[]>();
    for (const [unit, fact] of facts) {
      this.estimates.set(unit, fact.floor);
      if (fact.fixed) continue;
      for (const input of fact.inputs) {
        if (input.from === undefined) continue;
        const list = dependents.get(input.from);
        if (list) list.push(unit);
        else dependents.set(input.from, [unit]);
      }
    }
    const queue = [...facts.keys()];
    while (queue.length > 0) {
      const unit = queue.pop()!;
      const fact = facts.get(unit)!;
      if (fact.fixed) continue;
      let value = fact.floor;
      for (const input of fact.inputs) {
        const raised = lift(input.from === undefined ? MODULE_LEVEL : this.estimates.get(input.from)!, input.handedTo);
        // Once, but reached from code that only its name says runs once: a guess, whatever the other inputs show.
        if (RANK[raised.frequency] > RANK[value.frequency] || (raised.frequency === 'once' && value.frequency === 'once' && raised.fromNameOnly && !value.fromNameOnly)) value = raised;
      }
      const current = this.estimates.get(unit)!;
      if (RANK[value.frequency] === RANK[current.frequency] && !!value.fromNameOnly === !!current.fromNameOnly) continue;
      this.estimates.set(unit, value);
      queue.push(...(dependents.get(unit) ?? []));
    }
  }

  private factsOf(unit: Unit, index: FileIndex): UnitFacts {
    if (isClass(unit)) return this.classFacts(unit, index);
    const declared = declaredFrequency(unit);
    if (declared) return fixedAt(declared.frequency === 'once' ? { frequency: 'once', reason: `it is ${declared.what}` } : perCall(declared.trigger, declared.what));
    if (isExportedLambdaHandler(unit)) return fixedAt(perCall('invocation', 'a serverless `handler`, run per invocation'));
    const parent = unit.parent;
    const use = useOf(unit);
    const container = containerOf(unit);
    if (use.kind === 'argument') {
      const registration = registrationOfArgument(use.call, use.index);
      // `app.get('/x', asyncHandler(async (req, res) => …))`: the wrapper hands it to the route.
      if (registration.kind === 'repeats') return fixedAt(perCall(registration.trigger, registration.what));
      if (registration.kind === 'uncounted') return fixedAt(unknown(`it is ${registration.what}, whose rate this file does not show`));
      if (isHandlerFunction(unit)) return fixedAt(REQUEST_HANDLER);
      return registration.kind === 'handed' ? { floor: REACHED_FROM_ONCE, fixed: false, inputs: [{ from: container, handedTo: registration.to }] } : runsWith(container);
    }
    if (isHandlerFunction(unit)) return fixedAt(REQUEST_HANDLER);
    if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor') return runsWith(parent.parent.parent as ClassNode);
    if ((parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && parent.value === unit) return this.methodFacts(unit, parent, index);
    if (unit.type === 'FunctionDeclaration' || (parent?.type === 'VariableDeclarator' && parent.init === unit && parent.id.type === 'Identifier')) {
      return this.referencedFacts(unit, unit.type === 'FunctionDeclaration' ? unit : parent!, isExported(unit), index);
    }
    if (use.kind === 'call') return runsWith(container);
    if (parent?.type === 'Property') return fixedAt(unknown('it is a method of an object, called from code this file does not show'));
    return fixedAt(unknown('it is handed to code this file does not show'));
  }

  /** A class: how often it is instantiated. */
  private classFacts(cls: ClassNode, index: FileIndex): UnitFacts {
    const provider = providerDecorator(cls);
    if (provider) return fixedAt({ frequency: 'once', reason: `it is a \`@${provider}\` provider, created once by the framework` });
    const declarator = cls.parent?.type === 'VariableDeclarator' && cls.parent.init === cls ? cls.parent : undefined;
    if (cls.type !== 'ClassDeclaration' && !declarator) return fixedAt(unknown('it is a class created by code this file does not show'));
    return this.referencedFacts(cls, cls.type === 'ClassDeclaration' ? cls : declarator!, isExported(cls), index);
  }

  /** A function or class bound to a name: its frequency is that of the code that calls (or creates) it. */
  private referencedFacts(unit: Unit, declaration: Node, exported: boolean, index: FileIndex): UnitFacts {
    const id = declaration.type === 'VariableDeclarator' ? declaration.id : 'id' in declaration ? declaration.id : null;
    const byName = id?.type === 'Identifier' ? index.names.readsOfBinding(id) : undefined;
    // A function declaration also declares its parameters: their reads are uses of the arguments, not of the function.
    const references = byName ?? this.sourceCode.scopeManager.getDeclaredVariables(declaration)
      .filter((variable) => variable.defs.every((d) => d.type !== 'Parameter'))
      .flatMap((variable) => variable.references.filter((r) => r.isRead()).map((r) => r.identifier as Node));
    return this.factsFromUses(unit, references, exported, exported);
  }

  /**
   * What the uses of a unit say: each call (or `new`) is an input from the code around it; handing it
   * to a per-call registration makes it per call; any other use means callers this file does not show.
   */
  private factsFromUses(unit: Unit, references: readonly Node[], escapes: boolean, exported: boolean): UnitFacts {
    const inputs: Input[] = [];
    let escaped = escapes;
    for (const reference of references) {
      const use = useOf(reference);
      if (use.kind === 'call') {
        inputs.push({ from: containerOf(use.at) });
        continue;
      }
      if (use.kind === 'escape' || isClass(unit)) {
        escaped = true;
        continue;
      }
      const registration = this.selfScheduling(use, unit) ?? registrationOfArgument(use.call, use.index);
      if (registration.kind === 'repeats') return fixedAt(perCall(registration.trigger, registration.what));
      if (registration.kind === 'uncounted') escaped = true;
      else inputs.push({ from: containerOf(use.call), handedTo: registration.kind === 'handed' ? registration.to : undefined });
    }
    return { floor: this.floorOf(unit, escaped, inputs.length > 0, exported), fixed: false, inputs };
  }

  /** `function tick() { …; setTimeout(tick, ms) }`: a function that schedules itself again repeats like an interval. */
  private selfScheduling(use: Use & { kind: 'argument' }, unit: Unit): Registration | undefined {
    const callee = unwrapExpression(use.call.callee);
    const name = callee.type === 'Identifier' ? callee.name : undefined;
    if (name !== 'setTimeout' || use.index !== 0) return undefined;
    for (let outer = containerOf(use.call); outer; outer = containerOf(outer)) {
      if (outer === unit) return { kind: 'repeats', trigger: 'timer', what: 'a function that reschedules itself with `setTimeout`' };
    }
    return undefined;
  }

  /** A method: its frequency is that of the code in its class that calls it; public methods also have callers elsewhere. */
  private methodFacts(fn: FunctionNode, holder: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, index: FileIndex): UnitFacts {
    const key = holder.key.type === 'PrivateIdentifier' ? `#${holder.key.name}` : staticKeyName(holder.key, holder.computed);
    const members = key === undefined ? [] : [...index.thisMembers.get(holder.parent)?.get(key) ?? [], ...this.receiverMembers(holder, key, index)];
    const isPrivate = holder.key.type === 'PrivateIdentifier' || holder.accessibility === 'private' || holder.accessibility === 'protected';
    return this.factsFromUses(fn, members, !isPrivate, false);
  }

  /**
   * `Repo.get(…)` for a static method, `service.compute(…)` for a method of a class this file
   * instantiates into a variable (`const service = new Service()`).
   */
  private receiverMembers(holder: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, key: string, index: FileIndex): TSESTree.MemberExpression[] {
    const cls = holder.parent.parent;
    const declarator = cls.parent?.type === 'VariableDeclarator' && cls.parent.init === cls ? cls.parent : undefined;
    const name = cls.id?.name ?? (declarator?.id.type === 'Identifier' ? declarator.id.name : undefined);
    if (name === undefined) return [];
    const receivers: Node[] = holder.static ? [cls.type === 'ClassDeclaration' ? cls : declarator].filter((n): n is NonNullable<typeof n> => !!n) : index.instances.get(name) ?? [];
    const members: TSESTree.MemberExpression[] = [];
    for (const receiver of receivers) {
      const id = 'id' in receiver && receiver.id?.type === 'Identifier' ? receiver.id : undefined;
      const uses = (id && index.names.readsOfBinding(id))
        ?? this.sourceCode.scopeManager.getDeclaredVariables(receiver).flatMap((variable) => variable.references.map((r) => r.identifier));
      for (const use of uses) {
        const member = use.parent;
        if (member?.type === 'MemberExpression' && member.object === use && staticKeyName(member.property, member.computed) === key) members.push(member);
      }
    }
    return members;
  }

  /** Where a named unit starts before its in-file callers raise it. */
  private floorOf(unit: Unit, escapes: boolean, hasCallers: boolean, exported: boolean): Estimate {
    if (isFunctionNode(unit) && hasStartupName(unit) && (escapes || !hasCallers)) {
      return { frequency: 'once', reason: `it is named like start-up code (\`${functionName(unit)}\`)`, fromNameOnly: true };
    }
    if (exported) return unknown('it is exported, so how often it runs depends on its callers elsewhere');
    if (escapes) return unknown('it is used by code this file does not show');
    if (!hasCallers) return unknown('nothing in this file calls it');
    return REACHED_FROM_ONCE;
  }
}

function isExported(unit: Unit): boolean {
  const declaration = unit.type === 'FunctionDeclaration' || unit.type === 'ClassDeclaration' ? unit : unit.parent?.parent;
  const holder = declaration?.parent;
  return holder?.type === 'ExportNamedDeclaration' || holder?.type === 'ExportDefaultDeclaration';
}

/**
 * One analysis per lint of a file. Keyed by the SourceCode, which every lint creates anew (the
 * editor's incremental parser may reuse nodes, so the Program node is not a safe key); a WeakMap
 * lets it go with the lint.
 */
const analyses = new WeakMap<RuleSourceCode, FrequencyAnalysis>();

function analysisFor(sourceCode: RuleSourceCode): FrequencyAnalysis {
  let analysis = analyses.get(sourceCode);
  if (!analysis) analyses.set(sourceCode, analysis = new FrequencyAnalysis(sourceCode));
  return analysis;
}

/** How often `fn` runs. */
export function runFrequencyOf(context: RuleContext, fn: FunctionNode): FrequencyEstimate {
  return analysisFor(context.sourceCode).estimateOf(fn);
}

/** How often the code at `node` runs: that of the function (or instance field) that holds it; once at top level. */
export function runFrequencyAt(context: RuleContext, node: Node): FrequencyEstimate {
  return analysisFor(context.sourceCode).estimateOf(containerOf(node));
}
