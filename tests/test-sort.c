/* Sorting and selection (lib/sort.c): airs__select_kth() against a full
 * sort, on random values with and without many repeats, sorted and
 * reversed runs, short and long. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

#include "harness.h"

static int cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* xorshift64*: the same values on every platform */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Select k of v (n values) and check it against the sorted copy: v[k]
 * the k-th, nothing larger before it nor smaller after it, and the same
 * values. */
static void check_select(int64_t *v, size_t n, size_t k)
{
	int64_t *want = malloc((n ? n : 1) * sizeof *want);
	size_t i;

	ck_assert_ptr_nonnull(want);
	memcpy(want, v, n * sizeof *v);
	qsort(want, n, sizeof *want, cmp);
	airs__select_kth(v, n, k);
	ck_assert_int_eq(v[k], want[k]);
	for (i = 0; i < k; i++)
		ck_assert_int_le(v[i], v[k]);
	for (i = k + 1; i < n; i++)
		ck_assert_int_ge(v[i], v[k]);
	qsort(v, n, sizeof *v, cmp);
	ck_assert(!memcmp(v, want, n * sizeof *v));
	free(want);
}

START_TEST(select_matches_sorting)
{
	static const size_t sizes[] = { 1, 2, 3, 7, 100, 599, 600, 601, 602,
	                                1000, 4097, 30000, 200001 };
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t si, kind, i;

	for (si = 0; si < sizeof sizes / sizeof *sizes; si++)
		for (kind = 0; kind < 5; kind++) {
			size_t n = sizes[si], k;
			int64_t *v = malloc(n * sizeof *v);
			ck_assert_ptr_nonnull(v);
			for (i = 0; i < n; i++) {
				uint64_t r = next(&seed);
				v[i] = kind == 0 ? (int64_t)r
				       : kind == 1 ? (int64_t)(r % 5)
				       : kind == 2 ? (int64_t)i
				       : kind == 3 ? (int64_t)(n - i)
				                   : 7;
			}
			k = kind % 2 ? n / 2 : next(&seed) % n;
			check_select(v, n, k);
			free(v);
		}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("select");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, select_matches_sorting);
	suite_add_tcase(s, tc);
	return s;
}
