/** seedrandom's Alea generator (a CommonJS module without bundled types): what models/uniform.ts uses. */
declare module 'seedrandom/lib/alea.js' {
  interface AleaState {
    c: number;
    s0: number;
    s1: number;
    s2: number;
  }
  /** A generator of doubles in [0, 1); with `state: true` it can also return its state. */
  function alea(seed: string, options: { state: true }): (() => number) & { state(): AleaState };
  export default alea;
}
