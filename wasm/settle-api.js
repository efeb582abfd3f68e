// Thin wrapper over the Embind module: loads it once, parses its JSON answers and turns the
// contract's error object into a SettleError (or, with trySettle, a value the UI can show).
// No rule logic lives here; every number comes from the core.
import createSettleModule from './settle.js';

export class SettleError extends Error {
  constructor(path, message) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'SettleError';
    this.path = path;
    this.detail = message;
  }
}

// options go to the Emscripten factory; under Node pass { wasmBinary } (read with fs), since
// the 3.1.6 glue cannot fetch a file path.
export async function loadSettle(options = {}) {
  const module = await createSettleModule(options);
  const toText = (input) => (typeof input === 'string' ? input : JSON.stringify(input));

  return {
    version: () => module.version(),
    cities: () => JSON.parse(module.cities()),
    // The module's own bytes: identical to the native CLI's output for the same case.
    settleRaw: (input) => module.settle(toText(input)),
    // Settlement object, or { error: { path, message } } exactly as the core said it.
    trySettle(input) {
      try {
        return JSON.parse(module.settle(toText(input)));
      } catch (bug) {
        // The core never throws; reaching here is a bug (an abort), so say so plainly.
        console.error(bug);
        return { error: { path: '', message: '计算模块出现内部错误，请刷新页面后重试。' } };
      }
    },
    // Settlement object; throws SettleError on bad input.
    settle(input) {
      const answer = JSON.parse(module.settle(toText(input)));
      if (answer.error) throw new SettleError(answer.error.path, answer.error.message);
      return answer;
    },
  };
}
