// The trigger explainer's components. WhenDoesThisRun is the one meant for CRM pages (inline
// styles, shadow-root safe); the rest are dashboard sections styled by explainer.css.
export { MatrixTable, type MatrixTableProps } from './MatrixTable';
export { type Plan, type PlanInput, planRun, productNames } from './plan';
export { WhatWillRun, type WhatWillRunProps } from './WhatWillRun';
export { WhenDoesThisRun, type WhenDoesThisRunProps } from './WhenDoesThisRun';
export { WhyDidntItRun, type WhyDidntItRunProps } from './WhyDidntItRun';
