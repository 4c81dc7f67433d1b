/*
 * linalg.h - the small dense symmetric linear algebra of the driver
 * analysis (methodology 10): the eigen-decomposition of a correlation
 * matrix by cyclic Jacobi rotations, and a Cholesky factor grown one
 * variable at a time, which marks a variable that the ones before it
 * already span instead of failing on it.
 *
 * Matrices are k x k, row-major, k at most AIRS__LINALG_MAX.  Jacobi
 * rather than tridiagonal QR because it is short, needs no tuning and
 * computes the small eigenvalues of a well-scaled symmetric positive
 * semi-definite matrix to high relative accuracy (Demmel and Veselic
 * 1992), which is what highly correlated drivers need.  Accuracy is
 * checked against numpy.linalg.eigh and lstsq by tests/check-drivers.py.
 *
 * Thread safety: pure functions on the caller's arrays.
 */
#ifndef AIRS_LINALG_H
#define AIRS_LINALG_H

#include <stddef.h>

/* The largest k these functions take. */
#define AIRS__LINALG_MAX 16

/* A pivot whose square is at most this share of its diagonal is taken as
 * 0: the variable is (to about 5 significant digits of its correlation)
 * a combination of the ones before it. */
#define AIRS__PIVOT_TOL 1e-10

/* Eigenvalues w[0..k-1] (ascending) and eigenvectors (column j of v
 * belongs to w[j]) of the symmetric matrix a, which is destroyed.
 * Cyclic Jacobi sweeps in a fixed order until every off-diagonal
 * element is negligible against its diagonal pair.  Returns the number
 * of sweeps, or -1 when 60 sweeps did not converge (never seen; the
 * results are then the last sweep's). */
int airs__jacobi_eigen(size_t k, double *a, double *w, double *v);

/* Append a variable to the Cholesky factor l (ld columns a row) of d
 * variables: c[i] is its covariance with variable i (i < d), cjj its
 * variance.  Row d of l is written; a variable whose pivot is
 * negligible (AIRS__PIVOT_TOL) gets l[d][d] = 0 and returns 0, and rows
 * whose l[i][i] is 0 are skipped when later rows are solved.  Returns 1
 * for an independent variable. */
int airs__chol_append(size_t d, size_t ld, double *l, const double *c,
                      double cjj);

#endif
