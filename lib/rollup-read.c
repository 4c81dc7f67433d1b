/*
 * rollup-read.c - reading a partial, text (rollup-text.c) or binary
 * (rollup-binary.c), into a rollup: finished at once, or left open for
 * merges and finished once after the last (airs_rollup_read_v3()).
 */
#include "rollup-impl.h"

#include <string.h>

#include "binform.h"
#include "error.h"
#include "params.h"

int airs__rollup_check_params(const airs__pv *pv, const char *digest,
                              uint64_t k, int64_t barrier_q, airs_diag *diag,
                              uint64_t digest_line, uint64_t k_line,
                              uint64_t barrier_line)
{
	char want[65];

	airs__params_digest(pv, want);
	if (strcmp(want, digest)) {
		airs__diag_set(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               digest_line, 0, "the partial was made with other "
		               "parameters (its digest %.12s..., these "
		               "parameters' %.12s...)", digest, want);
		return AIRS_EMISMATCH;
	}
	if (k != (uint64_t)pv->min_group) {
		airs__diag_set(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               k_line, 0, "the partial says min_group %llu where "
		               "its parameters say %d: it was edited",
		               (unsigned long long)k, pv->min_group);
		return AIRS_EMISMATCH;
	}
	if (barrier_q != airs__quantise(pv->barrier)) {
		airs__diag_set(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               barrier_line, 0, "the partial says adkar_barrier "
		               "%lld where its parameters say %lld: it was edited",
		               (long long)barrier_q,
		               (long long)airs__quantise(pv->barrier));
		return AIRS_EMISMATCH;
	}
	return AIRS_OK;
}

/* A binary partial starts with its magic; anything else is read as
 * text. */
static int is_binary(const char *data, size_t len)
{
	return len >= AIRS__RB_MAGIC_LEN &&
	       !memcmp(data, AIRS__RB_MAGIC, AIRS__RB_MAGIC_LEN);
}

int airs__rollup_read_any(airs_rollup **out, const char *data, size_t len,
                        const airs__pv *pv, unsigned flags,
                        const airs_allocator *alloc, airs_diag *diag)
{
	airs__mem mem;
	airs_rollup *r = NULL;
	int rc, fit;

	if (out)
		*out = NULL;
	if (!out || (!data && len) || airs__diag_check(diag) ||
	    (flags & ~AIRS_ROLLUP_OPEN) || airs__mem_init(&mem, alloc))
		return AIRS_EINVAL;
	rc = is_binary(data, len)
	             ? airs__rollup_parse_binary(&r, data, len, pv, &mem, diag)
	             : airs__rollup_parse_text(&r, data, len, pv, &mem, diag);
	if (rc)
		return rc;
	if ((fit = airs__skills_fit(r, NULL)) == 0)
		rc = airs__diag_fail(diag, AIRS_EPARSE, "more than %llu people "
		                     "assessed on one skill",
		                     (unsigned long long)AIRS__SK_MAX_COUNT);
	else if (fit < 0 || (!(flags & AIRS_ROLLUP_OPEN) &&
	                     airs__rollup_finalise(r, 1)))
		rc = airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	if (rc) {
		airs_rollup_free(r);
		return rc;
	}
	r->open = (flags & AIRS_ROLLUP_OPEN) != 0;
	*out = r;
	return AIRS_OK;
}

int airs__rollup_read_with(airs_rollup **out, const void *data, size_t len,
                           const airs__mem *mem, const airs__bsection *sec,
                           void *user, airs_diag *diag)
{
	airs_rollup *r = NULL;
	int rc;

	*out = NULL;
	if (!is_binary(data, len))
		return airs__diag_fail(diag, AIRS_EPARSE, "byte 0: not a binary "
		                       "partial (an archive is one)");
	rc = airs__rollup_parse_binary_x(&r, data, len, NULL, mem, sec, user,
	                                 diag);
	if (rc)
		return rc;
	if (airs__skills_fit(r, NULL) == 0)
		rc = airs__diag_fail(diag, AIRS_EPARSE, "more than %llu people "
		                     "assessed on one skill",
		                     (unsigned long long)AIRS__SK_MAX_COUNT);
	else if (airs__skills_fit(r, NULL) < 0 || airs__rollup_finalise(r, 1))
		rc = airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	if (rc) {
		airs_rollup_free(r);
		return rc;
	}
	*out = r;
	return AIRS_OK;
}

int airs_rollup_read(airs_rollup **out, const char *data, size_t len,
                     const airs_allocator *alloc, airs_diag *diag)
{
	return airs__rollup_read_any(out, data, len, NULL, 0, alloc, diag);
}

int airs_rollup_read_v2(airs_rollup **out, const char *data, size_t len,
                        const airs_params *params, const airs_allocator *alloc,
                        airs_diag *diag)
{
	return airs_rollup_read_v3(out, data, len, params, 0, alloc, diag);
}

int airs_rollup_read_v3(airs_rollup **out, const void *data, size_t len,
                        const airs_params *params, unsigned flags,
                        const airs_allocator *alloc, airs_diag *diag)
{
	if (!params) {
		if (out)
			*out = NULL;
		return airs__diag_fail(diag, AIRS_EINVAL, "the parameters to "
		                       "publish with must be given");
	}
	return airs__rollup_read_any(out, data, len, &params->v, flags, alloc, diag);
}
