/*
 * failmalloc - an LD_PRELOAD shim that makes the Nth heap allocation of a
 * program fail, to drive example programs (which use the C library's
 * allocator, not an airs_allocator) into every out-of-memory path.
 *
 *     AIRS_FAILMALLOC_AT=N LD_PRELOAD=libfailmalloc.so program ...
 *
 * N counts malloc, calloc and realloc calls from the start (1-based); the
 * Nth and only it returns NULL.  On exit the number of calls is written
 * to the file AIRS_FAILMALLOC_COUNT names, if set, so a test knows how
 * far to go.  glibc only (it forwards to __libc_malloc and friends).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);

static long calls, fail_at = -1;

static int fail_now(void)
{
	if (fail_at < 0) {
		const char *s = getenv("AIRS_FAILMALLOC_AT");
		fail_at = s ? atol(s) : 0;
	}
	if (++calls != fail_at)
		return 0;
	errno = ENOMEM;  /* as a real allocator failure sets it */
	return 1;
}

void *malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
	return fail_now() ? NULL : __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("AIRS_FAILMALLOC_COUNT");
	FILE *f;

	if (path && (f = fopen(path, "w")) != NULL) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}
