/** The few jStat functions the report uses (the package ships no types). */
declare module 'jstat' {
  interface JStat {
    studentt: {
      /** Inverse CDF (quantile) of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
