/*
 * rollup-binary.c - the binary form of rollup partials
 * (docs/output-format.md, "Binary partials"): the writer and the
 * validating reader.
 *
 * The text form spends a decimal number per employee and re-derives
 * everything on every read; the binary form is what a nightly merge of
 * many shards reads: little-endian fixed fields where a reader must find
 * them, LEB128 varints elsewhere, only the units a shard's employees
 * touch, each unit's readiness values as runs of (gap from the previous
 * value, count), sections that a later version can add to (an unknown
 * section whose tag has bit 31 set is skipped, any other is refused), and
 * a SHA-256 of everything before it at the end.  Reading checks the
 * checksum first, then what the text reader checks (rollup-check.c),
 * naming the byte offset of what it refuses.
 */
#include "rollup-impl.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binform.h"
#include "date.h"
#include "error.h"
#include "sha256.h"

#define VERSION 1u
#define HEAD_LEN 24 /* magic, version, flags, payload length */
#define SEC_HEAD 1u
#define SEC_UNITS 2u
#define SEC_SKILLS 3u
#define SEC_BLOCKS 4u
#define SEC_OPTIONAL 0x80000000u
/* Readiness values a byte of input may expand to (runs of equal
 * values): a bound on what a hostile partial can make us allocate. */
#define MAX_VALUES_PER_BYTE 1024u

/* ------------------------------------------------------------------------
 * Writing: into a growing buffer (the payload length and the checksum
 * need all of it), then through the caller's writer.
 * ---------------------------------------------------------------------- */

typedef struct airs__bbuf {
	const airs__mem *mem;
	unsigned char *p;
	size_t n, cap;
	int oom;
} bbuf;

/* Room for len more bytes at b->p + b->n, or NULL (out of memory, kept
 * in b->oom).  The buffer grows geometrically, so almost every call is
 * one comparison: a partial is millions of fields of a byte or two. */
static unsigned char *room(bbuf *b, size_t len)
{
	if (b->oom)
		return NULL;
	if (b->cap - b->n < len &&
	    airs__grow(b->mem, &b->p, &b->cap, b->n + len, 1)) {
		b->oom = 1;
		return NULL;
	}
	return b->p + b->n;
}

static void put(bbuf *b, const void *data, size_t len)
{
	unsigned char *q = len ? room(b, len) : NULL;

	if (q) {
		memcpy(q, data, len);
		b->n += len;
	}
}

static void put_le(bbuf *b, uint64_t v, size_t bytes)
{
	unsigned char *q = room(b, bytes);
	size_t i;

	if (!q)
		return;
	for (i = 0; i < bytes; i++)
		q[i] = (unsigned char)(v >> (8 * i));
	b->n += bytes;
}

/* v as LEB128 at q, which has room for the longest (10 bytes); the
 * bytes written. */
static size_t leb(unsigned char *q, uint64_t v)
{
	size_t n = 0;

	do {
		q[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		q[n++] |= v ? 0x80 : 0;
	} while (v);
	return n;
}

static void put_var(bbuf *b, uint64_t v)
{
	unsigned char *q = room(b, 10);

	if (q)
		b->n += leb(q, v);
}

/* Signed fields as zigzag varints: 0, -1, 1, -2 ... as 0, 1, 2, 3 ... */
static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void put_zz(bbuf *b, int64_t v)
{
	put_var(b, zigzag(v));
}

static void put_str(bbuf *b, const char *s)
{
	size_t n = strlen(s);

	put_var(b, n);
	put(b, s, n);
}

/* A section: its tag and a length patched in by sec_end(). */
static size_t sec_begin(bbuf *b, uint32_t tag)
{
	put_le(b, tag, 4);
	put_le(b, 0, 8);
	return b->n;
}

static void sec_end(bbuf *b, size_t start)
{
	size_t i, len = b->n - start;

	for (i = 0; i < 8 && !b->oom; i++)
		b->p[start - 8 + i] = (unsigned char)(len >> (8 * i));
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void write_head(bbuf *b, const airs_rollup *r)
{
	unsigned char dg[32];
	size_t i, at = sec_begin(b, SEC_HEAD);

	for (i = 0; i < 32; i++)
		dg[i] = (unsigned char)(hexval(r->digest[2 * i]) << 4 |
		                        hexval(r->digest[2 * i + 1]));
	put(b, dg, 32);
	put_le(b, (uint32_t)r->min_group, 4);
	put_le(b, (uint32_t)r->as_of, 4);
	put_le(b, r->evidence, 4);
	put_le(b, r->nu, 4);
	put_le(b, r->ns, 4);
	put_le(b, ACC_SCALARS, 4);
	put_le(b, CONS_FIELDS, 4);
	put_le(b, NC, 4);
	put_le(b, (uint64_t)r->barrier_q, 8);
	sec_end(b, at);
}

static void write_shape(bbuf *b, const airs_rollup *r)
{
	size_t u, at = sec_begin(b, SEC_UNITS);

	for (u = 0; u < r->nu; u++) {
		put_str(b, r->uid[u]);
		put_var(b, r->parent[u] == AIRS__NONE ? 0 : r->parent[u] + 1u);
		put_le(b, (uint64_t)r->target[u], 1);
		put_str(b, r->uname[u]);
	}
	sec_end(b, at);
	at = sec_begin(b, SEC_SKILLS);
	for (u = 0; u < r->ns; u++)
		put_str(b, r->sid[u]);
	sec_end(b, at);
}

_Static_assert(ACC_SCALARS <= 64 && CONS_FIELDS <= 64,
               "a field's sign is a bit of a uint64_t");

/* Which of n (at most 64) fields are signed, as bits: asked once per
 * partial rather than through a call per field. */
static uint64_t signed_bits(int (*is_signed)(size_t), size_t n)
{
	uint64_t bits = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bits |= (uint64_t)(is_signed(i) != 0) << i;
	return bits;
}

/* n fields, the signed ones (bits) zigzag, in one reservation. */
static void put_fields(bbuf *b, const uint64_t *f, size_t n, uint64_t bits)
{
	unsigned char *q = room(b, 10 * n);
	size_t i, len = 0;

	if (!q)
		return;
	for (i = 0; i < n; i++)
		len += leb(q + len, bits >> i & 1u ? zigzag((int64_t)f[i]) : f[i]);
	b->n += len;
}

/* A unit's sorted readiness values as runs: (gap from the previous
 * value, or from 0; how many). */
static void put_values(bbuf *b, const i64vec *v)
{
	size_t i, j, runs = 0;
	int64_t prev = 0;

	for (i = 0; i < v->n; i = j, runs++)
		for (j = i + 1; j < v->n && v->v[j] == v->v[i]; j++)
			;
	put_var(b, runs);
	for (i = 0; i < v->n; i = j) {
		for (j = i + 1; j < v->n && v->v[j] == v->v[i]; j++)
			;
		put_var(b, (uint64_t)(v->v[i] - prev));
		put_var(b, j - i);
		prev = v->v[i];
	}
}

/* bits: the signed fields of an accumulator ([0]) and a construct's. */
static void write_unit(bbuf *b, const airs_rollup *r, size_t u,
                       const uint32_t *cells, size_t *k,
                       const uint64_t bits[2])
{
	acc buf;
	const acc *a = airs__rollup_own(r, u, &buf);
	uint64_t mask = 0;
	size_t c, i, first = *k, last;

	put_fields(b, (const uint64_t *)(const void *)a, ACC_SCALARS, bits[0]);
	for (c = 0; c < NC; c++)
		for (i = 0; i < CONS_FIELDS; i++)
			if (((const uint64_t *)(const void *)&a->c[c])[i])
				mask |= (uint64_t)1 << c;
	put_var(b, mask);
	for (c = 0; c < NC; c++)
		if (mask >> c & 1u)
			put_fields(b, (const uint64_t *)(const void *)&a->c[c],
			           CONS_FIELDS, bits[1]);
	put_values(b, &r->vals[u]);
	for (last = first; last < r->sk.n && r->sk.v[cells[last]].unit == u;)
		last++;
	put_var(b, last - first);
	for (i = first; i < last; i++) {
		const skcell *x = &r->sk.v[cells[i]];
		uint32_t before = i > first ? r->sk.v[cells[i - 1]].skill + 1 : 0;
		put_var(b, x->skill - before);
		put_var(b, x->n);
		put_var(b, (uint64_t)x->sum);
	}
	*k = last;
}

/* Only the units with employees: an empty unit's block is all zeros. */
static int write_blocks(bbuf *b, const airs_rollup *r)
{
	uint32_t *cells = airs__skills_by_unit(r);
	const uint64_t bits[2] = {
		signed_bits(airs__acc_signed, ACC_SCALARS),
		signed_bits(airs__cons_signed, CONS_FIELDS)
	};
	size_t u, k = 0, touched = 0, prev = 0, at;

	if (!cells)
		return AIRS_ENOMEM;
	at = sec_begin(b, SEC_BLOCKS);
	for (u = 0; u < r->nu; u++)
		touched += r->direct[u].headcount != 0;
	put_var(b, touched);
	for (u = 0; u < r->nu; u++) {
		if (!r->direct[u].headcount)
			continue;
		put_var(b, u - prev);
		prev = u + 1;
		write_unit(b, r, u, cells, &k, bits);
	}
	sec_end(b, at);
	airs__free(&r->mem, cells);
	return AIRS_OK;
}

int airs__rollup_write_binary(const airs_rollup *r, airs_write_fn write,
                              void *user)
{
	return airs__rollup_write_binary_x(r, NULL, NULL, write, user);
}

int airs__rollup_write_binary_x(const airs_rollup *r,
                                const airs__bsection *extra,
                                const void *extra_user, airs_write_fn write,
                                void *user)
{
	bbuf b = { &r->mem, NULL, 0, 0, 0 };
	unsigned char sum[AIRS__SHA256_LEN];
	airs__sha256 h;
	size_t i, piece;
	int rc;

	if (!r->sorted)
		return AIRS_ESTATE; /* finished or read back: values sorted */
	put(&b, AIRS__RB_MAGIC, AIRS__RB_MAGIC_LEN);
	put_le(&b, VERSION, 4);
	put_le(&b, 0, 4);
	put_le(&b, 0, 8);
	write_head(&b, r);
	write_shape(&b, r);
	rc = write_blocks(&b, r);
	if (!rc && extra) {
		size_t at = sec_begin(&b, extra->tag);
		rc = extra->write(&b, extra_user);
		sec_end(&b, at);
	}
	if (rc || b.oom) {
		airs__free(&r->mem, b.p);
		return b.oom ? AIRS_ENOMEM : rc;
	}
	for (i = 0; i < 8; i++)
		b.p[16 + i] = (unsigned char)((b.n - HEAD_LEN) >> (8 * i));
	airs__sha256_init(&h);
	airs__sha256_update(&h, b.p, b.n);
	airs__sha256_final(&h, sum);
	put(&b, sum, sizeof sum);
	for (i = 0; i < b.n && !b.oom && !rc; i += piece) {
		piece = b.n - i < 65536 ? b.n - i : 65536;
		rc = write(b.p + i, piece, user) ? AIRS_EIO : AIRS_OK;
	}
	if (b.oom)
		rc = AIRS_ENOMEM;
	airs__free(&r->mem, b.p);
	return rc;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

typedef struct airs__brd {
	const unsigned char *base, *p, *end; /* the input, the cursor, the
	                                        end of the current section */
	airs_diag *diag;
} brd;

static int berr(brd *d, const char *fmt, ...) AIRS__PRINTF(2, 3);

/* A refusal naming the byte offset where the reader stands. */
static int berr(brd *d, const char *fmt, ...)
{
	char msg[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	airs__diag_set(d->diag, AIRS_EPARSE, AIRS_SEVERITY_ERROR, NULL, 0, 0,
	               "byte %zu: %s", (size_t)(d->p - d->base), msg);
	return AIRS_EPARSE;
}

static uint64_t le(const unsigned char *p, size_t bytes)
{
	uint64_t v = 0;
	size_t i;

	for (i = bytes; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static int get_le(brd *d, uint64_t *v, size_t bytes, const char *what)
{
	if ((size_t)(d->end - d->p) < bytes)
		return berr(d, "the section ends inside %s", what);
	*v = le(d->p, bytes);
	d->p += bytes;
	return AIRS_OK;
}

/* A canonical LEB128 varint: at most 64 bits, no redundant last byte.
 * One of at most 9 bytes (63 bits: no overflow to check) with 9 bytes
 * left in the section is read without the checks per byte; anything
 * else - longer, near the section's end, or refused - by the loop that
 * checks them. */
static int get_var_long(brd *d, uint64_t *v, const char *what)
{
	uint64_t x = 0;
	unsigned shift = 0;
	const unsigned char *start = d->p;

	if (d->end - d->p >= 9) {
		const unsigned char *q = d->p;
		for (; shift < 63; shift += 7) {
			unsigned char c = *q++;
			x |= (uint64_t)(c & 0x7f) << shift;
			if (c & 0x80)
				continue;
			if (!c && shift)
				break;
			d->p = q;
			*v = x;
			return AIRS_OK;
		}
		x = 0;
		shift = 0;
	}
	for (;;) {
		unsigned char c;
		if (d->p >= d->end)
			return d->p = start, berr(d, "the section ends inside %s",
			                          what);
		c = *d->p++;
		if (shift == 63 && c > 1)
			return d->p = start, berr(d, "%s is too large", what);
		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			if (!c && d->p - start > 1)
				return d->p = start, berr(d, "%s is not a canonical "
				                          "varint", what);
			*v = x;
			return AIRS_OK;
		}
		shift += 7;
	}
}

/* get_var_long(), with the one-byte values that most of a partial's
 * fields are (counts of a unit's members, zeros) and the two-byte ones
 * that most others are read inline; a zero second byte (not canonical)
 * is left to get_var_long() to refuse. */
static inline int get_var(brd *d, uint64_t *v, const char *what)
{
	if (d->p < d->end && !(*d->p & 0x80)) {
		*v = *d->p++;
		return AIRS_OK;
	}
	if (d->end - d->p >= 2 && d->p[1] && !(d->p[1] & 0x80)) {
		*v = (uint64_t)(d->p[0] & 0x7f) | (uint64_t)d->p[1] << 7;
		d->p += 2;
		return AIRS_OK;
	}
	return get_var_long(d, v, what);
}

static int64_t unzigzag(uint64_t x)
{
	return (int64_t)(x >> 1) ^ -(int64_t)(x & 1);
}

static int get_zz(brd *d, int64_t *v, const char *what)
{
	uint64_t x = 0;
	int rc = get_var(d, &x, what);

	*v = unzigzag(x);
	return rc;
}

/* A string of the shape into a new C string (no NUL inside). */
static int get_str(brd *d, const airs__mem *mem, char **out, const char *what)
{
	uint64_t n;
	int rc = get_var(d, &n, what);

	if (rc)
		return rc;
	if (n > (uint64_t)(d->end - d->p))
		return berr(d, "%s runs past its section", what);
	if (memchr(d->p, 0, (size_t)n))
		return berr(d, "%s holds a NUL byte", what);
	if (!(*out = airs__strndup(mem, (const char *)d->p, (size_t)n)))
		return AIRS_ENOMEM;
	d->p += n;
	return AIRS_OK;
}

/* The frame: magic, version, flags, payload length, checksum.  Leaves
 * d->p at the payload and d->end at its end. */
static int check_frame(brd *d, size_t len)
{
	unsigned char sum[AIRS__SHA256_LEN];
	airs__sha256 h;
	uint64_t v;

	if (len < HEAD_LEN + AIRS__SHA256_LEN)
		return berr(d, "a binary partial is at least %d bytes; this one "
		            "has %zu", HEAD_LEN + AIRS__SHA256_LEN, len);
	v = le(d->base + 8, 4);
	if (v != VERSION) {
		airs__diag_set(d->diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               0, 0, "binary partial version %llu is not supported "
		               "(this library reads version %u)",
		               (unsigned long long)v, VERSION);
		return AIRS_EMISMATCH;
	}
	d->p = d->base + 12;
	if (le(d->base + 12, 4))
		return berr(d, "unknown flags");
	d->p = d->base + 16;
	v = le(d->base + 16, 8);
	if (v != len - HEAD_LEN - AIRS__SHA256_LEN)
		return berr(d, "the payload is %llu bytes but %zu follow: the "
		            "partial was cut or added to",
		            (unsigned long long)v, len - HEAD_LEN - AIRS__SHA256_LEN);
	airs__sha256_init(&h);
	airs__sha256_update(&h, d->base, len - AIRS__SHA256_LEN);
	airs__sha256_final(&h, sum);
	d->p = d->base + len - AIRS__SHA256_LEN;
	if (memcmp(sum, d->p, sizeof sum))
		return berr(d, "the checksum does not match: the partial was "
		            "damaged");
	d->p = d->base + HEAD_LEN;
	d->end = d->base + len - AIRS__SHA256_LEN;
	return AIRS_OK;
}

/* The next section, which must be `want`: *sec_end is where it ends.
 * Sections a later version added with the optional bit are skipped. */
static int next_section(brd *d, uint32_t want, const unsigned char **sec_end)
{
	const unsigned char *payload_end = d->end;
	uint64_t tag = 0, n = 0;
	int rc;

	for (;;) {
		if ((rc = get_le(d, &tag, 4, "a section tag")) ||
		    (rc = get_le(d, &n, 8, "a section length")))
			return rc;
		if (n > (uint64_t)(payload_end - d->p))
			return d->p -= 12, berr(d, "section %llu runs past the "
			                        "payload", (unsigned long long)tag);
		if (tag == want) {
			*sec_end = d->p + n;
			return AIRS_OK;
		}
		if (!(tag & SEC_OPTIONAL))
			return d->p -= 12, berr(d, "expected section %u, found "
			                        "%llu", want, (unsigned long long)tag);
		d->p += n;
	}
}

/* The end of a section: nothing may be left in it. */
static int section_done(brd *d, const unsigned char *sec_end,
                        const unsigned char *payload_end)
{
	if (d->p != sec_end)
		return berr(d, "%zu bytes left over in the section",
		            (size_t)(sec_end - d->p));
	d->end = payload_end;
	return AIRS_OK;
}

typedef struct bhead {
	char digest[65];
	uint64_t k, nu, ns;
	int64_t bq;     /* adkar.barrier_threshold in quanta */
	airs_date as_of;
	unsigned evidence;
} bhead;

static int read_bhead(brd *d, bhead *h)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *q = d->p;
	uint64_t f[8];
	size_t i;
	char date[11];

	if ((size_t)(d->end - q) < 32 + 8 * 4 + 8)
		return berr(d, "the head section is too short");
	for (i = 0; i < 32; i++) {
		h->digest[2 * i] = hex[q[i] >> 4];
		h->digest[2 * i + 1] = hex[q[i] & 15];
	}
	h->digest[64] = '\0';
	for (i = 0; i < 8; i++)
		f[i] = le(q + 32 + 4 * i, 4);
	h->k = f[0];
	h->as_of = (airs_date)(int32_t)(uint32_t)f[1];
	h->evidence = (unsigned)f[2];
	h->nu = f[3];
	h->ns = f[4];
	h->bq = (int64_t)le(q + 32 + 8 * 4, 8);
	if (f[5] != ACC_SCALARS || f[6] != CONS_FIELDS || f[7] != NC) {
		airs__diag_set(d->diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               0, 0, "the partial keeps %llu unit and %llu x %llu "
		               "construct accumulators, this library %d and %d x "
		               "%d: made by another version of airs",
		               (unsigned long long)f[5], (unsigned long long)f[7],
		               (unsigned long long)f[6], ACC_SCALARS, NC,
		               CONS_FIELDS);
		return AIRS_EMISMATCH;
	}
	if (h->k > INT_MAX)
		return berr(d, "min_group is out of range");
	if (h->k < AIRS__MIN_GROUP_FLOOR) {
		airs__diag_set(d->diag, AIRS_EPRIVACY, AIRS_SEVERITY_ERROR, NULL,
		               0, 0, "min_group %llu is below the methodology's "
		               "minimum of %d: it would publish groups of fewer "
		               "people", (unsigned long long)h->k,
		               AIRS__MIN_GROUP_FLOOR);
		return AIRS_EPRIVACY;
	}
	if (!airs_date_format(h->as_of, date) || h->evidence > AIRS__EV_ALL ||
	    h->nu >= UINT32_MAX || h->ns >= UINT32_MAX)
		return berr(d, "an as-of date, evidence or unit count that no "
		            "scoring makes");
	if (h->bq < AIRS__Q || h->bq > 5 * AIRS__Q)
		return berr(d, "an ADKAR barrier threshold outside 1..5");
	d->p = q + 32 + 8 * 4 + 8;
	return AIRS_OK;
}

static int read_units(brd *d, airs_rollup *r)
{
	size_t u, at;
	uint64_t parent = 0, target = 0;
	int rc, dup = 0;

	for (u = 0; u < r->nu; u++) {
		if ((rc = get_str(d, &r->mem, &r->uid[u], "a unit id")) ||
		    (rc = get_var(d, &parent, "a parent")))
			return rc;
		if (parent > u)
			return berr(d, "the parent of unit %zu does not come before "
			            "it", u);
		r->parent[u] = parent ? (uint32_t)(parent - 1) : AIRS__NONE;
		if ((rc = get_le(d, &target, 1, "a target")))
			return rc;
		if (target > 5)
			return berr(d, "target %llu is outside 0..5",
			            (unsigned long long)target);
		r->target[u] = (int32_t)target;
		if ((rc = get_str(d, &r->mem, &r->uname[u], "a unit name")))
			return rc;
	}
	airs__rollup_derive_shape(r);
	if (airs__rollup_check_shape(r, &at, &dup))
		return AIRS_ENOMEM;
	if (at != SIZE_MAX)
		return berr(d, dup ? "unit %zu repeats an id" :
		            "unit %zu is out of tree order (each unit followed "
		            "by its subtree, siblings by id)", at);
	return AIRS_OK;
}

static int read_skills(brd *d, airs_rollup *r)
{
	size_t i;
	int rc;

	for (i = 0; i < r->ns; i++)
		if ((rc = get_str(d, &r->mem, &r->sid[i], "a skill id")))
			return rc;
	return AIRS_OK;
}

/* n fields, the signed ones (bits, as signed_bits() gives) zigzag. */
static int get_fields(brd *d, uint64_t *f, size_t n, uint64_t bits)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((rc = get_var(d, &f[i], "an accumulator")))
			return rc;
		if (bits >> i & 1u)
			f[i] = (uint64_t)unzigzag(f[i]);
	}
	return AIRS_OK;
}

/* A unit's accumulators and its constructs'; bits as write_unit()'s. */
static int read_accs(brd *d, acc *a, const uint64_t bits[2])
{
	const unsigned char *at = d->p;
	const char *why;
	uint64_t mask = 0;
	size_t c;
	int rc;

	if ((rc = get_fields(d, (uint64_t *)(void *)a, ACC_SCALARS, bits[0])))
		return rc;
	if ((why = airs__rollup_check_acc(a)))
		return d->p = at, berr(d, "%s", why);
	if ((rc = get_var(d, &mask, "a construct mask")))
		return rc;
	if (mask >> NC)
		return berr(d, "construct mask %llu names no construct",
		            (unsigned long long)mask);
	for (c = 0; c < NC; c++) {
		if (!(mask >> c & 1u))
			continue;
		at = d->p;
		if ((rc = get_fields(d, (uint64_t *)(void *)&a->c[c], CONS_FIELDS,
		                     bits[1])))
			return rc;
		if ((why = airs__rollup_check_cons(a, c)))
			return d->p = at, berr(d, "construct %zu: %s", c, why);
		if (!memcmp(&a->c[c], &(cons_acc){ 0 }, sizeof a->c[c]))
			return d->p = at, berr(d, "construct %zu is listed with "
			                       "nothing in it", c);
	}
	return AIRS_OK;
}

/* A unit's readiness values from their runs; *budget is how many more
 * values the input may still expand to. */
static int read_values(brd *d, airs_rollup *r, size_t u, uint64_t *budget)
{
	i64vec *v = &r->vals[u];
	const acc *a = &r->direct[u];
	uint64_t runs, i, gap, n;
	int64_t x = 0;
	const char *why;
	int rc;

	if (a->scored > *budget)
		return berr(d, "more readiness values than a partial of this "
		            "size holds");
	*budget -= a->scored;
	if ((rc = get_var(d, &runs, "a run count")))
		return rc;
	if (runs > a->scored)
		return berr(d, "more runs than scored employees");
	if (a->scored && airs__rollup_reserve(&r->mem, v, (size_t)a->scored))
		return AIRS_ENOMEM;
	for (i = 0; i < runs; i++) {
		if ((rc = get_var(d, &gap, "a value gap")) ||
		    (rc = get_var(d, &n, "a run length")))
			return rc;
		if ((i && !gap) || !n || n > a->scored - v->n ||
		    gap > (uint64_t)INT64_MAX - (uint64_t)x)
			return berr(d, "a run that no sorted values make");
		x += (int64_t)gap;
		if ((why = airs__rollup_check_value(v, x)))
			return berr(d, "%s", why);
		while (n--)
			v->v[v->n++] = x;
	}
	if ((why = airs__rollup_check_values(v, a)))
		return berr(d, "%s", why);
	return AIRS_OK;
}

static int read_cells(brd *d, airs_rollup *r, size_t u)
{
	uint64_t ncells, i, skill = 0, gap, n, sum;
	const char *why;
	int rc;

	if ((rc = get_var(d, &ncells, "a cell count")))
		return rc;
	if (ncells > r->ns)
		return berr(d, "more skill cells than skills");
	/* cells come by unit, then skill, each once: appended without
	 * hashing, the rollup's cells stay ordered */
	if (airs__skcells_reserve_append(&r->sk, &r->mem, (size_t)ncells))
		return AIRS_ENOMEM;
	for (i = 0; i < ncells; i++, skill++) {
		if ((rc = get_var(d, &gap, "a skill gap")) ||
		    (rc = get_var(d, &n, "a cell count")) ||
		    (rc = get_var(d, &sum, "a cell sum")))
			return rc;
		if (gap >= r->ns - skill)
			return berr(d, "skill out of order or range");
		skill += gap;
		if (sum > INT64_MAX)
			return berr(d, "a skill gap sum that no gaps could have");
		if ((why = airs__rollup_check_cell(n, (int64_t)sum,
		                                   r->direct[u].headcount)))
			return berr(d, "%s", why);
		airs__skcells_append(&r->sk, (uint32_t)u, (uint32_t)skill, n,
		                     (int64_t)sum);
	}
	return AIRS_OK;
}

static int read_blocks(brd *d, airs_rollup *r, uint64_t budget)
{
	const uint64_t bits[2] = {
		signed_bits(airs__acc_signed, ACC_SCALARS),
		signed_bits(airs__cons_signed, CONS_FIELDS)
	};
	uint64_t touched = 0, i, gap;
	size_t u = 0;
	int rc;

	if ((rc = get_var(d, &touched, "the unit count")))
		return rc;
	if (touched > r->nu)
		return berr(d, "more unit blocks than units");
	for (i = 0; i < touched; i++, u++) {
		if ((rc = get_var(d, &gap, "a unit gap")))
			return rc;
		if (gap >= r->nu - u)
			return berr(d, "unit out of order or range");
		u += (size_t)gap;
		if ((rc = read_accs(d, &r->direct[u], bits)))
			return rc;
		if (!r->direct[u].headcount)
			return berr(d, "a unit block without employees");
		if ((rc = read_values(d, r, u, &budget)) ||
		    (rc = read_cells(d, r, u)))
			return rc;
	}
	if (airs__rollup_check_families(r) != SIZE_MAX)
		return berr(d, "unit %s: the net score or time saved respondents "
		            "differ from their construct's",
		            r->uid[airs__rollup_check_families(r)]);
	return AIRS_OK;
}

/* The sections in order, each read to its end; an optional section
 * that extra reads is read by it, to its end. */
static int read_sections(brd *d, airs_rollup *r, size_t len,
                         const airs__bsection *extra, void *extra_user)
{
	const unsigned char *payload_end = d->end, *sec_end;
	int rc;

	if ((rc = next_section(d, SEC_UNITS, &sec_end)))
		return rc;
	d->end = sec_end;
	if ((rc = read_units(d, r)) ||
	    (rc = section_done(d, sec_end, payload_end)) ||
	    (rc = next_section(d, SEC_SKILLS, &sec_end)))
		return rc;
	d->end = sec_end;
	if ((rc = read_skills(d, r)) ||
	    (rc = section_done(d, sec_end, payload_end)) ||
	    (rc = next_section(d, SEC_BLOCKS, &sec_end)))
		return rc;
	d->end = sec_end;
	if ((rc = read_blocks(d, r, (uint64_t)len * MAX_VALUES_PER_BYTE)) ||
	    (rc = section_done(d, sec_end, payload_end)))
		return rc;
	/* optional sections of later versions may follow */
	while (d->p < d->end) {
		uint64_t tag = 0, n = 0;
		if ((rc = get_le(d, &tag, 4, "a section tag")) ||
		    (rc = get_le(d, &n, 8, "a section length")))
			return rc;
		if (!(tag & SEC_OPTIONAL) || n > (uint64_t)(d->end - d->p))
			return d->p -= 12, berr(d, "unknown section %llu",
			                        (unsigned long long)tag);
		if (!extra || tag != extra->tag) {
			d->p += n;
			continue;
		}
		sec_end = d->p + n;
		d->end = sec_end;
		if ((rc = extra->read(d, r, extra_user)) ||
		    (rc = section_done(d, sec_end, payload_end)))
			return rc;
	}
	return AIRS_OK;
}

int airs__rollup_parse_binary(airs_rollup **out, const char *data,
                              size_t len, const airs__pv *pv,
                              const airs__mem *mem, airs_diag *diag)
{
	return airs__rollup_parse_binary_x(out, data, len, pv, mem, NULL, NULL,
	                                   diag);
}

int airs__rollup_parse_binary_x(airs_rollup **out, const char *data,
                                size_t len, const airs__pv *pv,
                                const airs__mem *mem,
                                const airs__bsection *extra,
                                void *extra_user, airs_diag *diag)
{
	brd d = { (const unsigned char *)data, (const unsigned char *)data,
	          (const unsigned char *)data + len, diag };
	const unsigned char *payload_end, *sec_end;
	airs_rollup *r;
	bhead h;
	int rc;

	*out = NULL;
	if ((rc = check_frame(&d, len)))
		return rc;
	payload_end = d.end;
	if ((rc = next_section(&d, SEC_HEAD, &sec_end)))
		return rc;
	d.end = sec_end;
	if ((rc = read_bhead(&d, &h)) ||
	    (rc = section_done(&d, sec_end, payload_end)) ||
	    (pv && (rc = airs__rollup_check_params(pv, h.digest, h.k, h.bq,
	                                           diag, 0, 0, 0))))
		return rc;
	/* every unit takes 4 bytes at least, every skill 1 */
	if (h.nu > len / 4 || h.ns > len)
		return berr(&d, "more units or skills than the partial holds");
	if (!(r = airs__rollup_alloc(mem, (size_t)h.nu, (size_t)h.ns, 0)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	r->min_group = (int)h.k;
	r->barrier_q = h.bq;
	r->sk.ordered = 1;
	airs__rollup_set_context(r, h.as_of, h.evidence);
	memcpy(r->digest, h.digest, sizeof h.digest);
	if ((rc = read_sections(&d, r, len, extra, extra_user))) {
		if (rc == AIRS_ENOMEM)
			airs__diag_set(diag, rc, AIRS_SEVERITY_ERROR, NULL, 0, 0,
			               "out of memory");
		airs_rollup_free(r);
		return rc;
	}
	r->sorted = 1;
	*out = r;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * The primitives for the optional sections of other files (binform.h)
 * ---------------------------------------------------------------------- */

void airs__bput(airs__bbuf *b, const void *data, size_t len)
{
	put(b, data, len);
}

void airs__bput_var(airs__bbuf *b, uint64_t v)
{
	put_var(b, v);
}

void airs__bput_zz(airs__bbuf *b, int64_t v)
{
	put_zz(b, v);
}

void airs__bput_le(airs__bbuf *b, uint64_t v, size_t bytes)
{
	put_le(b, v, bytes);
}

void airs__bput_str(airs__bbuf *b, const char *s)
{
	put_str(b, s);
}

int airs__bget_var(airs__brd *d, uint64_t *v, const char *what)
{
	return get_var(d, v, what);
}

int airs__bget_zz(airs__brd *d, int64_t *v, const char *what)
{
	return get_zz(d, v, what);
}

int airs__bget_le(airs__brd *d, uint64_t *v, size_t bytes, const char *what)
{
	return get_le(d, v, bytes, what);
}

int airs__bget_str(airs__brd *d, const airs__mem *mem, char **out,
                   const char *what)
{
	return get_str(d, mem, out, what);
}

const unsigned char *airs__bget_bytes(airs__brd *d, size_t n,
                                      const char *what)
{
	const unsigned char *at = d->p;

	if ((size_t)(d->end - d->p) < n) {
		berr(d, "the section ends inside %s", what);
		return NULL;
	}
	d->p += n;
	return at;
}

size_t airs__bget_left(const airs__brd *d)
{
	return (size_t)(d->end - d->p);
}

size_t airs__bget_offset(const airs__brd *d)
{
	return (size_t)(d->p - d->base);
}

void airs__bget_seek(airs__brd *d, size_t offset)
{
	d->p = d->base + offset;
}

int airs__bget_fail(airs__brd *d, const char *fmt, ...)
{
	char msg[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return berr(d, "%s", msg);
}

airs_diag *airs__bget_diag(const airs__brd *d)
{
	return d->diag;
}
