/*
 * binform.h - the binary partials' primitives for the optional sections
 * other files add to a partial (docs/output-format.md, "Binary
 * partials"; the archive section, archive.c): LEB128 and zigzag
 * varints, little-endian fields, strings, and refusals that name the
 * byte offset, as rollup-binary.c writes and reads its own sections.
 */
#ifndef AIRS_BINFORM_H
#define AIRS_BINFORM_H

#include <stddef.h>
#include <stdint.h>

#include "airs/rollup.h"
#include "alloc.h"
#include "error.h"
#include "params.h"

typedef struct airs__bbuf airs__bbuf; /* a partial being written */
typedef struct airs__brd airs__brd;   /* a partial being read */

/* An optional section (its tag has bit 31 set): write fills it (returns
 * AIRS_OK or a status; the buffer's own out-of-memory is reported by the
 * writer), read reads it to its end or refuses it with a message through
 * airs__bget_fail().  A reader that does not know the tag skips it. */
typedef struct airs__bsection {
	uint32_t tag;
	int (*write)(airs__bbuf *b, const void *user);
	int (*read)(airs__brd *d, const airs_rollup *r, void *user);
} airs__bsection;

void airs__bput(airs__bbuf *b, const void *data, size_t len);
void airs__bput_var(airs__bbuf *b, uint64_t v);
void airs__bput_zz(airs__bbuf *b, int64_t v);
void airs__bput_le(airs__bbuf *b, uint64_t v, size_t bytes);
void airs__bput_str(airs__bbuf *b, const char *s);

/* Each returns AIRS_OK, or AIRS_EPARSE with "byte N: ..." in the diag
 * (AIRS_ENOMEM for a string). */
int airs__bget_var(airs__brd *d, uint64_t *v, const char *what);
int airs__bget_zz(airs__brd *d, int64_t *v, const char *what);
int airs__bget_le(airs__brd *d, uint64_t *v, size_t bytes, const char *what);
int airs__bget_str(airs__brd *d, const airs__mem *mem, char **out,
                   const char *what);
/* The next n bytes, or NULL (refused) when the section has fewer. */
const unsigned char *airs__bget_bytes(airs__brd *d, size_t n,
                                      const char *what);
size_t airs__bget_left(const airs__brd *d);
size_t airs__bget_offset(const airs__brd *d);
void airs__bget_seek(airs__brd *d, size_t offset);
int airs__bget_fail(airs__brd *d, const char *fmt, ...) AIRS__PRINTF(2, 3);
airs_diag *airs__bget_diag(const airs__brd *d);

/* rollup-binary.c: a binary partial of r with the optional section
 * extra (may be NULL) after its own; and the reader that hands a
 * section with extra's tag to extra->read. */
int airs__rollup_write_binary_x(const airs_rollup *r,
                                const airs__bsection *extra,
                                const void *extra_user, airs_write_fn write,
                                void *user);
int airs__rollup_parse_binary_x(airs_rollup **out, const char *data,
                                size_t len, const airs__pv *pv,
                                const airs__mem *mem,
                                const airs__bsection *extra,
                                void *extra_user, airs_diag *diag);
/* rollup-read.c: a binary partial read with sec's section (no
 * parameters: published with its own threshold) and finished.
 * AIRS_EPARSE, AIRS_EMISMATCH, AIRS_EPRIVACY, AIRS_ENOMEM. */
int airs__rollup_read_with(airs_rollup **out, const void *data, size_t len,
                           const airs__mem *mem, const airs__bsection *sec,
                           void *user, airs_diag *diag);

#endif
