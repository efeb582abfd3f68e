// Thin wrapper over the WebAssembly module (wasm/bindings.cpp): loads it once, passes it UTF-8
// bytes, decodes and parses its JSON answers and turns the contract's error object into a
// SettleError (or, with trySettle, a value the UI can show). No rule logic lives here; every
// number comes from the core.
import createSettleModule from './settle.js';

// The factory given a module compiled already: only its instance is made (and if even that
// fails, the promise says so rather than waiting for ever).
function fromCompiled(wasm, options) {
  let failed;
  const failure = new Promise((resolve, reject) => { failed = reject; });
  const instantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), failed);
    return {};  // the exports follow, through receive
  };
  return Promise.race([createSettleModule({ ...options, instantiateWasm }), failure]);
}

export class SettleError extends Error {
  // code: the contract's stable error code; missing: for "parameters_missing", every
  // {id, label, unit} the case still needs.
  constructor(path, message, code = '', missing = []) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'SettleError';
    this.path = path;
    this.detail = message;
    this.code = code;
    this.missing = missing;
  }
}

// options go to the Emscripten factory; under Node pass { wasmBinary } (read with fs), since
// the 3.1.6 glue cannot fetch a file path. compiled: a promise of settle.wasm already compiled
// (WebAssembly.compileStreaming, begun by the page before its modules came); if it fails, the
// glue fetches and compiles the file itself.
export async function loadSettle({ compiled, ...options } = {}) {
  const wasm = compiled ? await compiled.catch(() => null) : null;
  const module = await (wasm ? fromCompiled(wasm, options) : createSettleModule(options));
  const toText = (input) => (typeof input === 'string' ? input : JSON.stringify(input));
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // The module answers with a pointer into its own memory, valid until its next call (read the
  // memory afresh: it can have grown and moved).
  const answer = (at) => module.HEAPU8.subarray(at, at + module._settle_answer_size());
  // A case's bytes (UTF-8, as a file holds them) in, the answer's bytes out: a view of the
  // module's memory, to be decoded or copied before the next call.
  const settleBytes = (bytes, { steps = true } = {}) => {
    module.HEAPU8.set(bytes, module._settle_input(bytes.length));
    return answer(module._settle_case(steps ? 1 : 0));
  };
  // steps: false leaves the explanation out (the contract's --no-steps output).
  const settleRaw = (input, options) => decoder.decode(settleBytes(encoder.encode(toText(input)), options));

  function trySettleText(input, options) {
    try {
      const text = settleRaw(input, options);
      return { text, answer: JSON.parse(text) };
    } catch (bug) {
      // The core never throws; reaching here is a bug (an abort), so say so plainly.
      console.error(bug);
      return { text: '', answer: { error: { path: '', code: 'internal', message: '计算模块出现内部错误，请刷新页面后重试。' } } };
    }
  }

  return {
    version: () => decoder.decode(answer(module._settle_version())),
    cities: () => JSON.parse(decoder.decode(answer(module._settle_cities()))),
    settleBytes,
    // The module's own bytes: identical to the native CLI's output for the same case.
    settleRaw,
    // Settlement object, or { error: { path, message } } exactly as the core said it.
    trySettle: (input, options) => trySettleText(input, options).answer,
    // The same with the JSON text it was parsed from: { text, answer }.
    trySettleText,
    // Settlement object; throws SettleError on bad input.
    settle(input, options) {
      const answer = JSON.parse(settleRaw(input, options));
      if (answer.error) {
        const { path, message, code, missing } = answer.error;
        throw new SettleError(path, message, code, missing || []);
      }
      return answer;
    },
  };
}
