/*
 * abi.h - the size protocol of public structs (docs/abi-policy.md).
 *
 * Every public struct begins with `size_t size`, set by the caller with
 * the struct's *_INIT macro, so a program built against any 1.x header
 * passes the size its header knows.  Every entry point that reads or
 * fills such a struct goes through the three functions below, which make
 * the one rule:
 *
 *  - a size below the struct's first published size is refused
 *    (AIRS_EINVAL: the caller did not use the *_INIT macro);
 *  - a struct read from the caller is read only as far as its size, and
 *    the fields beyond it take their zero default, so an older caller
 *    gets the defaults of every field added after its header;
 *  - a size beyond what this library knows is accepted when every byte
 *    the library does not know is zero (libxkbcommon's rule): a newer
 *    caller that leaves a newer field at its default runs against an
 *    older library, one that sets it is told the library is too old
 *    (a size more than AIRS__ABI_SLACK beyond is refused unread);
 *  - a struct filled for the caller is written only as far as its size;
 *    bytes the library does not know are left as they are.
 *
 * For the first rule to tell versions apart, a field added to a struct
 * must begin at or beyond the struct's previous sizeof (never in its
 * tail padding): tests/test-abi.c checks every field added since 1.0.
 *
 * This header includes no public header: lib/abi-1.0.c and lib/abi-1.1.c
 * include it beside the published headers of abi/1.0/include and
 * abi/1.1/include.
 */
#ifndef AIRS_ABI_H
#define AIRS_ABI_H

#include <stddef.h>

/* The public size-first structs (abi-structs.h), for the tables of
 * their sizes. */
#define AIRS__ABI_SINCE_1_0(kind, type) AIRS__ABI_##kind,
#define AIRS__ABI_SINCE_1_1(kind, type) AIRS__ABI_##kind,
enum airs__abi_struct {
#include "abi-structs.h"
	AIRS__ABI_COUNT
};
#undef AIRS__ABI_SINCE_1_0
#undef AIRS__ABI_SINCE_1_1

/* sizeof each struct in the published headers of a release: 0 for the
 * structs it did not have (lib/abi-1.0.c, lib/abi-1.1.c). */
extern const size_t airs__abi_size_1_0[AIRS__ABI_COUNT];
extern const size_t airs__abi_size_1_1[AIRS__ABI_COUNT];

/* A struct's first published size: the smallest size accepted for it. */
static inline size_t airs__abi_first(enum airs__abi_struct k)
{
	return airs__abi_size_1_0[k] ? airs__abi_size_1_0[k]
	                             : airs__abi_size_1_1[k];
}
#define AIRS__FIRST(name) airs__abi_first(AIRS__ABI_##name)

/* The size a caller's struct declares (its first member). */
static inline size_t airs__abi_size(const void *s)
{
	return *(const size_t *)s;
}

/* A size more than this beyond what the library knows is not a struct's
 * size but an uninitialised one: refused before any byte is read. */
#define AIRS__ABI_SLACK 4096

/* Read the caller's struct src into dst (`have` = sizeof *dst): the
 * bytes src->size covers, zero beyond them, dst->size = have.  src NULL
 * gives all defaults.  AIRS_EINVAL (dst untouched) when src->size is
 * below `first`, or beyond `have` with a nonzero byte past `have`. */
int airs__struct_in(void *dst, size_t have, const void *src, size_t first);

/* Why airs__struct_in() refused src, as words that follow the struct's
 * name in a message ("options size is not set: ..."). */
const char *airs__struct_why(const void *src, size_t have, size_t first);

/* AIRS_OK when out may be filled: not NULL, out->size >= first and not
 * more than AIRS__ABI_SLACK beyond `have`. */
int airs__struct_out_check(const void *out, size_t have, size_t first);

/* Fill the caller's struct out from the library's src (`have` bytes):
 * min(out->size, have) bytes, out->size kept.  Checked beforehand with
 * airs__struct_out_check(); out NULL does nothing. */
void airs__struct_out(void *out, const void *src, size_t have);

/* The common case, with the library's struct type taken from dst/src. */
#define AIRS__IN(name, dst, src) \
	airs__struct_in((dst), sizeof *(dst), (src), AIRS__FIRST(name))
#define AIRS__OUT_CHECK(name, out) \
	airs__struct_out_check((out), sizeof *(out), AIRS__FIRST(name))
#define AIRS__OUT(out, src) airs__struct_out((out), (src), sizeof *(src))

#endif
