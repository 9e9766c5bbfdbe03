/**
 * Which questions an attempt gets, in which order, with its options in which order: a pure function of the quiz's
 * items, the bank's current questions and a seed (the attempt's id). The same seed and bank give the same attempt,
 * so a draw can be reproduced and checked; two attempts (two people, or one person's second try) get different
 * draws.
 *
 * - Fixed items come first, in the quiz's order; a fixed question that is missing or retired is an error.
 * - Each draw rule takes `count` questions from the eligible bank: not retired, carrying the rule's tag (知识点) when
 *   it names one, of its difficulty when it names one. A question is never given twice in one attempt: not a fixed
 *   one again, and not one another rule took. When rules overlap (a tag rule and a difficulty rule that share
 *   questions), the draw is a matching of the rules' places to questions (augmenting paths), so it fails only when
 *   no assignment at all exists, never by bad luck of the order.
 * - A rule that cannot be met is a clear 400 naming the rule, what it needs and what the bank has.
 * - `shuffleQuestions` shuffles the whole list (fixed items included); without it, fixed items then each rule's
 *   questions in rule order. `shuffleOptions` shuffles a choice question's options; true/false keeps 对 then 错.
 * All randomness comes from one generator seeded by the attempt id (sfc32 over a string hash), used in one fixed
 * order over a bank sorted by question id, so the read order of the bank does not matter.
 */
import { AppError } from '../../platform/errors.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { quizEngineMessages } from './messages.js';
import type { AttemptQuestion, DrawRule, Question, Quiz } from './schema.js';

// ─── A seeded generator ────────────────────────────────────────────────────────────────────────────────────────────

/** A generator of numbers in [0, 1) from a string seed: the same seed, the same sequence. */
export function seededRandom(seed: string): () => number {
  // cyrb128: four 32-bit hashes of the seed.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
  let b = (h2 ^ h1) >>> 0;
  let c = (h3 ^ h1) >>> 0;
  let d = (h4 ^ h1) >>> 0;
  // sfc32.
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A new array in a random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ─── The draw ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Whether a question may be drawn by a rule (retired ones never are). */
export function matchesRule(question: Question, rule: Pick<DrawRule, 'tag' | 'difficulty'>): boolean {
  if (question.retired) return false;
  if (rule.tag !== undefined && !question.tags.includes(rule.tag)) return false;
  if (rule.difficulty !== undefined && question.difficulty !== rule.difficulty) return false;
  return true;
}

const difficultyNames = { easy: quizEngineMessages.difficultyEasy, medium: quizEngineMessages.difficultyMedium, hard: quizEngineMessages.difficultyHard } as const;

/** A rule in words, for messages ("党章 · 困难 × 5"). */
export function describeRule(rule: DrawRule, lang = currentLang()): string {
  const tag = rule.tag ?? apiMessage(lang, quizEngineMessages.ruleAnyTag);
  const difficulty = apiMessage(lang, rule.difficulty ? difficultyNames[rule.difficulty] : quizEngineMessages.ruleAnyDifficulty);
  return `${tag} · ${difficulty} × ${rule.count}`;
}

/** The latest version of each question, sorted by question id (one canonical bank whatever the read order). */
export function latestVersions(bank: Iterable<Question>): Question[] {
  const latest = new Map<string, Question>();
  for (const question of bank) {
    const known = latest.get(question.questionId);
    if (!known || known.version < question.version) latest.set(question.questionId, question);
  }
  return [...latest.values()].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
}

export interface DrawInput {
  quiz: Pick<Quiz, 'items' | 'shuffleQuestions' | 'shuffleOptions'>;
  /** The questions the quiz may use (their owner's bank); any versions, any order: the latest of each is used. */
  bank: Iterable<Question>;
  /** The attempt's id. */
  seed: string;
}

/** The questions of a new attempt, in the order shown, each with the order its options are shown in. */
export function drawAttempt({ quiz, bank, seed }: DrawInput): AttemptQuestion[] {
  const random = seededRandom(seed);
  const questions = latestVersions(bank);
  const byId = new Map(questions.map((q) => [q.questionId, q]));

  const fixed: Question[] = [];
  const used = new Set<string>();
  for (const item of quiz.items) {
    if (item.kind !== 'fixed' || used.has(item.questionId)) continue;
    const question = byId.get(item.questionId);
    if (!question || question.retired) throw new AppError('VALIDATION', { messageKey: quizEngineMessages.fixedQuestionUnavailable, params: { questionId: item.questionId } });
    fixed.push(question);
    used.add(question.questionId);
  }

  const rules = quiz.items.filter((item): item is DrawRule => item.kind === 'draw');
  // Each rule's pool in a seeded order; a rule that alone cannot be met is named.
  const pools = rules.map((rule) => {
    const pool = shuffled(questions.filter((q) => !used.has(q.questionId) && matchesRule(q, rule)), random);
    if (pool.length < rule.count) {
      throw new AppError('VALIDATION', { messageKey: quizEngineMessages.drawRuleShort, params: { rule: describeRule(rule), count: rule.count, available: pool.length } });
    }
    return pool;
  });
  const drawn = matchPlaces(rules, pools);

  let order: Question[] = [...fixed, ...drawn];
  if (quiz.shuffleQuestions) order = shuffled(order, random);
  return order.map((question) => ({
    questionId: question.questionId,
    version: question.version,
    kind: question.kind,
    optionOrder: optionOrderOf(question, quiz.shuffleOptions, random),
  }));
}

/** The order a question's options are shown in (original indices). */
function optionOrderOf(question: Question, shuffle: boolean, random: () => number): number[] {
  const identity = question.options.map((_, i) => i);
  return shuffle && (question.kind === 'single' || question.kind === 'multiple') ? shuffled(identity, random) : identity;
}

/**
 * Gives each place of each rule its own question (a maximum bipartite matching, Kuhn's augmenting paths), trying
 * each rule's pool in its seeded order. Returns the questions place by place, rule by rule; throws when the rules
 * together need more distinct questions than the bank can give.
 */
function matchPlaces(rules: DrawRule[], pools: Question[][]): Question[] {
  const places: number[] = []; // place → rule index
  rules.forEach((rule, r) => {
    for (let i = 0; i < rule.count; i++) places.push(r);
  });
  const holder = new Map<string, number>(); // question id → place
  const taken: (Question | undefined)[] = new Array(places.length);

  const place = (p: number, seen: Set<string>): boolean => {
    for (const question of pools[places[p]!]!) {
      if (seen.has(question.questionId)) continue;
      seen.add(question.questionId);
      const other = holder.get(question.questionId);
      if (other === undefined || place(other, seen)) {
        holder.set(question.questionId, p);
        taken[p] = question;
        return true;
      }
    }
    return false;
  };

  for (let p = 0; p < places.length; p++) {
    // Fast path: the next free question of the pool, without a search (the usual case when rules do not overlap).
    const free = pools[places[p]!]!.find((q) => !holder.has(q.questionId));
    if (free) {
      holder.set(free.questionId, p);
      taken[p] = free;
      continue;
    }
    if (!place(p, new Set())) {
      const rule = rules[places[p]!]!;
      throw new AppError('VALIDATION', {
        messageKey: quizEngineMessages.drawRulesOverlap,
        params: { rule: describeRule(rule), total: places.length },
      });
    }
  }
  return taken as Question[];
}
