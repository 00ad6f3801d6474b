export declare const INITIAL_JS_BUDGET_KB: number;
