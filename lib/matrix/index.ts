// Public entry of the trigger matrix: data, schemas, evaluate, "When does this run?" and "Why
// didn't it run?". Other modules import from here only.
export { orderPaths, settingNoRules } from './data';
export {
  automationName,
  cellFor,
  differsBySetting,
  type Evaluation,
  evaluate,
  getPath,
  IMPOSSIBLE_DECLINE,
  type Outcome,
  OutcomeSchema,
  type Reason,
  type Scenario,
  ScenarioSchema,
  type SetKind,
} from './evaluate';
export { facts, getFact } from './facts';
export { type PathRun, pathsThatRun, type RunSetKind } from './runs';
export * from './schema';
export { automations, defaultSets, getSource, settingInfo, sources } from './sources';
export { ADVICE, type WhyAnswer, type WhyQuestion, WhyQuestionSchema, why } from './why';
