/**
 * Singular values of a feature matrix, largest first, from ml-matrix's SVD (Golub–Kahan; `autoTranspose` so that
 * wide matrices cost as much as tall ones). Rank diagnostics are functions of this spectrum only.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export function singularValues(m: Matrix): number[] {
  if (m.rows === 0 || m.columns === 0) return [];
  const svd = new SingularValueDecomposition(m, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  // round-off can leave tiny negative values for zero singular values
  return svd.diagonal.map((s) => Math.max(0, s)).sort((a, b) => b - a);
}

/** Σ σ_k. */
export function nuclearNorm(sigma: readonly number[]): number {
  return sigma.reduce((a, b) => a + b, 0);
}
