// The few Mocha TDD globals the suite uses (@types/mocha is not a dependency; Mocha itself lives in .tools).
interface MochaContext {
  skip(): never;
  timeout(ms: number): void;
}
type MochaFn = (this: MochaContext) => void | Promise<void>;
declare function suite(title: string, fn: () => void): void;
declare function test(title: string, fn: MochaFn): void;
declare function suiteSetup(fn: MochaFn): void;
declare function suiteTeardown(fn: MochaFn): void;
declare function setup(fn: MochaFn): void;
declare function teardown(fn: MochaFn): void;
