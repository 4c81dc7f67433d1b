/*
 * sha256.c - SHA-256 as specified in FIPS 180-4, sections 4.1.2, 5 and 6.2.
 *
 * Two implementations of the compression function over whole blocks:
 * portable C (rounds unrolled, the message schedule kept in a rolling
 * window of 16 words) and, on x86 with GCC or Clang, the SHA extensions
 * (SHA-NI), chosen at run time when the CPU has them.  Both give the same
 * digest for every input; tests/test-sha256.c checks that.
 */
#include "sha256.h"

#include <stdatomic.h>
#include <string.h>

/* SHA-NI needs x86, a compiler that can target it per function, and the
 * <cpuid.h> that GCC and Clang ship; everything else builds the portable
 * path only.  Define AIRS_NO_SHA_NI to leave it out. */
#if !defined(AIRS_NO_SHA_NI) && (defined(__x86_64__) || defined(__i386__)) && \
	((defined(__clang__) && __clang_major__ >= 4) ||                       \
	 (!defined(__clang__) && defined(__GNUC__) && __GNUC__ >= 5))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define HAVE_SHA_NI 0
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* ------------------------------------------------------------------------
 * Portable C
 * ---------------------------------------------------------------------- */

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define S0(a) (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22))
#define S1(e) (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25))
#define s0(w) (ROR(w, 7) ^ ROR(w, 18) ^ ((w) >> 3))
#define s1(w) (ROR(w, 17) ^ ROR(w, 19) ^ ((w) >> 10))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & (b)) | ((c) & ((a) | (b))))

static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Round i of a block: the eight working variables rotate by renaming
 * rather than by moving, and w[] holds the last 16 schedule words.  For
 * rounds 16..63 the word is computed in place first. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                      \
	do {                                                                  \
		uint32_t t1_ = h + S1(e) + CH(e, f, g) + K[i] + w[(i) & 15];  \
		d += t1_;                                                     \
		h = t1_ + S0(a) + MAJ(a, b, c);                               \
	} while (0)
#define SCHED(i)                                                              \
	(w[(i) & 15] += s1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] +            \
	                s0(w[((i) - 15) & 15]))
#define ROUND16(a, b, c, d, e, f, g, h, i)                                    \
	do {                                                                  \
		SCHED(i);                                                     \
		ROUND(a, b, c, d, e, f, g, h, i);                             \
	} while (0)
#define EIGHT(R, i)                                                           \
	do {                                                                  \
		R(a, b, c, d, e, f, g, h, (i) + 0);                           \
		R(h, a, b, c, d, e, f, g, (i) + 1);                           \
		R(g, h, a, b, c, d, e, f, (i) + 2);                           \
		R(f, g, h, a, b, c, d, e, (i) + 3);                           \
		R(e, f, g, h, a, b, c, d, (i) + 4);                           \
		R(d, e, f, g, h, a, b, c, (i) + 5);                           \
		R(c, d, e, f, g, h, a, b, (i) + 6);                           \
		R(b, c, d, e, f, g, h, a, (i) + 7);                           \
	} while (0)

static void blocks_portable(uint32_t st[8], const unsigned char *p, size_t n)
{
	uint32_t w[16], a, b, c, d, e, f, g, h;
	int i;

	for (; n; n--, p += 64) {
		for (i = 0; i < 16; i++)
			w[i] = load_be32(p + 4 * i);
		a = st[0]; b = st[1]; c = st[2]; d = st[3];
		e = st[4]; f = st[5]; g = st[6]; h = st[7];
		EIGHT(ROUND, 0);
		EIGHT(ROUND, 8);
		for (i = 16; i < 64; i += 16) {
			EIGHT(ROUND16, i);
			EIGHT(ROUND16, i + 8);
		}
		st[0] += a; st[1] += b; st[2] += c; st[3] += d;
		st[4] += e; st[5] += f; st[6] += g; st[7] += h;
	}
}

/* ------------------------------------------------------------------------
 * x86 SHA extensions
 * ---------------------------------------------------------------------- */

#if HAVE_SHA_NI
/* Four rounds 4g..4g+3 on the schedule words m: sha256rnds2 does two
 * rounds with the low two words, then the high two. */
#define RNDS4(g, m)                                                           \
	do {                                                                  \
		__m128i k_ = _mm_add_epi32(                                   \
			(m), _mm_loadu_si128((const __m128i *)(const void *)&K[4 * (g)])); \
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k_);                 \
		k_ = _mm_shuffle_epi32(k_, 0x0e);                             \
		abef = _mm_sha256rnds2_epu32(abef, cdgh, k_);                 \
	} while (0)
/* The next four schedule words from the previous sixteen (m0 oldest). */
#define NEXT(m0, m1, m2, m3)                                                  \
	(m0 = _mm_sha256msg2_epu32(                                           \
	         _mm_add_epi32(_mm_sha256msg1_epu32(m0, m1),                  \
	                       _mm_alignr_epi8(m3, m2, 4)),                   \
	         m3))

__attribute__((target("sha,sse4.1")))
static void blocks_shani(uint32_t st[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
	                                     0x0405060700010203LL);
	__m128i abef, cdgh, tmp, save0, save1, m0, m1, m2, m3;

	/* The state as the instructions want it: ABEF and CDGH. */
	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(void *)&st[0]), 0xb1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(void *)&st[4]), 0x1b);
	abef = _mm_alignr_epi8(tmp, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, tmp, 0xf0);

	for (; n; n--, p += 64) {
		save0 = abef;
		save1 = cdgh;
		m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 0)), bswap);
		m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), bswap);
		m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 32)), bswap);
		m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 48)), bswap);
		RNDS4(0, m0);
		RNDS4(1, m1);
		RNDS4(2, m2);
		RNDS4(3, m3);
		RNDS4(4, NEXT(m0, m1, m2, m3));
		RNDS4(5, NEXT(m1, m2, m3, m0));
		RNDS4(6, NEXT(m2, m3, m0, m1));
		RNDS4(7, NEXT(m3, m0, m1, m2));
		RNDS4(8, NEXT(m0, m1, m2, m3));
		RNDS4(9, NEXT(m1, m2, m3, m0));
		RNDS4(10, NEXT(m2, m3, m0, m1));
		RNDS4(11, NEXT(m3, m0, m1, m2));
		RNDS4(12, NEXT(m0, m1, m2, m3));
		RNDS4(13, NEXT(m1, m2, m3, m0));
		RNDS4(14, NEXT(m2, m3, m0, m1));
		RNDS4(15, NEXT(m3, m0, m1, m2));
		abef = _mm_add_epi32(abef, save0);
		cdgh = _mm_add_epi32(cdgh, save1);
	}

	/* Back to A..H. */
	tmp = _mm_shuffle_epi32(abef, 0x1b);
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);
	_mm_storeu_si128((__m128i *)(void *)&st[0], _mm_blend_epi16(tmp, cdgh, 0xf0));
	_mm_storeu_si128((__m128i *)(void *)&st[4], _mm_alignr_epi8(cdgh, tmp, 8));
}

/* CPUID: SHA (leaf 7, EBX bit 29), SSSE3 (leaf 1, ECX bit 9) and SSE4.1
 * (leaf 1, ECX bit 19).  The XMM state needs no OS check: every OS that
 * runs x86 code with SSE2 saves it. */
static int cpu_has_sha_ni(void)
{
	unsigned a, b, c, d;

	if (__get_cpuid_max(0, NULL) < 7)
		return 0;
	__cpuid(1, a, b, c, d);
	if (!(c & (1u << 9)) || !(c & (1u << 19)))
		return 0;
	__cpuid_count(7, 0, a, b, c, d);
	return (b >> 29) & 1;
}
#endif

/* ------------------------------------------------------------------------
 * Choosing
 * ---------------------------------------------------------------------- */

int airs__sha256_best(void)
{
#if HAVE_SHA_NI
	/* What the CPU offers never changes, so racing first calls store the
	 * same value; -1 until someone has asked. */
	static atomic_int best = -1;
	int v = atomic_load_explicit(&best, memory_order_relaxed);

	if (v < 0) {
		v = cpu_has_sha_ni() ? AIRS__SHA256_SHA_NI : AIRS__SHA256_PORTABLE;
		atomic_store_explicit(&best, v, memory_order_relaxed);
	}
	return v;
#else
	return AIRS__SHA256_PORTABLE;
#endif
}

int airs__sha256_available(int impl)
{
	if (impl == AIRS__SHA256_PORTABLE)
		return 1;
#if HAVE_SHA_NI
	if (impl == AIRS__SHA256_SHA_NI)
		return airs__sha256_best() == AIRS__SHA256_SHA_NI;
#endif
	return 0;
}

static void blocks(const airs__sha256 *c, uint32_t st[8], const unsigned char *p,
                   size_t n)
{
#if HAVE_SHA_NI
	if (c->impl == AIRS__SHA256_SHA_NI) {
		blocks_shani(st, p, n);
		return;
	}
#else
	(void)c;
#endif
	blocks_portable(st, p, n);
}

/* ------------------------------------------------------------------------
 * The incremental interface
 * ---------------------------------------------------------------------- */

void airs__sha256_init(airs__sha256 *c)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, h0, sizeof h0);
	c->bytes = 0;
	c->impl = airs__sha256_best();
}

int airs__sha256_use(airs__sha256 *c, int impl)
{
	if (!airs__sha256_available(impl))
		return -1;
	c->impl = impl;
	return 0;
}

void airs__sha256_update(airs__sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t have = (size_t)(c->bytes % 64);

	if (!len)
		return; /* data may be NULL */
	c->bytes += len;
	if (have) {
		size_t take = 64 - have < len ? 64 - have : len;
		memcpy(c->buf + have, p, take);
		p += take;
		len -= take;
		if (have + take < 64)
			return;
		blocks(c, c->h, c->buf, 1);
	}
	if (len >= 64) {
		blocks(c, c->h, p, len / 64);
		p += len - len % 64;
		len %= 64;
	}
	if (len)
		memcpy(c->buf, p, len);
}

void airs__sha256_final(airs__sha256 *c, unsigned char out[AIRS__SHA256_LEN])
{
	uint64_t bits = c->bytes * 8;
	size_t have = (size_t)(c->bytes % 64);
	int i;

	/* Padding: 0x80, zeros up to 56 mod 64, then the bit length. */
	c->buf[have++] = 0x80;
	if (have > 56) {
		memset(c->buf + have, 0, 64 - have);
		blocks(c, c->h, c->buf, 1);
		have = 0;
	}
	memset(c->buf + have, 0, 56 - have);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	blocks(c, c->h, c->buf, 1);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void airs__sha256_hex(const unsigned char d[AIRS__SHA256_LEN], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < AIRS__SHA256_LEN; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void airs__hmac_sha256(const void *key, size_t key_len, const void *msg1,
                       size_t len1, const void *msg2, size_t len2,
                       unsigned char out[AIRS__SHA256_LEN])
{
	unsigned char k[64] = { 0 }, pad[64], inner[AIRS__SHA256_LEN];
	airs__sha256 c;
	int i;

	if (key_len > sizeof k) {
		airs__sha256_init(&c);
		airs__sha256_update(&c, key, key_len);
		airs__sha256_final(&c, k);
	} else if (key_len) {
		memcpy(k, key, key_len);
	}
	for (i = 0; i < 64; i++)
		pad[i] = (unsigned char)(k[i] ^ 0x36);
	airs__sha256_init(&c);
	airs__sha256_update(&c, pad, sizeof pad);
	airs__sha256_update(&c, msg1, len1);
	airs__sha256_update(&c, msg2, len2);
	airs__sha256_final(&c, inner);
	for (i = 0; i < 64; i++)
		pad[i] = (unsigned char)(k[i] ^ 0x5c);
	airs__sha256_init(&c);
	airs__sha256_update(&c, pad, sizeof pad);
	airs__sha256_update(&c, inner, sizeof inner);
	airs__sha256_final(&c, out);
}
