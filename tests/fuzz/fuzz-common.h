/*
 * fuzz-common.h - what the libFuzzer targets share: the entry point's
 * declaration, CHECK (an invariant that aborts with its place when it
 * fails), the dataset's table names and a strict UTF-8 check.  Each
 * target includes it once; unused statics are marked so.
 */
#ifndef AIRS_FUZZ_COMMON_H
#define AIRS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The dataset's tables (docs/data-format.md), employees.csv at
 * T_EMPLOYEES. */
static const char *const names[] __attribute__((unused)) = {
	"units.csv", "roles.csv", "skills.csv", "role_skills.csv",
	"employees.csv", "courses.csv", "survey_items.csv", "assessments.csv",
	"training.csv", "responses.csv", "usage.csv", "tools.csv",
	"survey_waves.csv"
};
#define NTABLES (sizeof names / sizeof names[0])
#define T_EMPLOYEES 4

/* Well-formed UTF-8 without NUL, by the Unicode Table 3-7 ranges. */
static __attribute__((unused)) int valid_utf8(const unsigned char *s,
                                              size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char b = s[i], lo, hi;
		size_t len, k;

		if (b == 0)
			return 0;
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			len = 2;
		else if (b >= 0xE0 && b <= 0xEF)
			len = 3;
		else if (b >= 0xF0 && b <= 0xF4)
			len = 4;
		else
			return 0;
		lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
		hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return 0;
		i += len;
	}
	return 1;
}

#ifdef AIRS_SHA256_H
/* A binary partial's copy "sealed": its payload length and the SHA-256
 * at its end made to match the (mutated) bytes, so that mutations reach
 * the checks behind the checksum.  NULL when data is no binary partial
 * (too short, or without the magic); the caller frees it. */
static __attribute__((unused)) uint8_t *sealed(const uint8_t *data,
                                               size_t size)
{
	uint8_t *c;
	airs__sha256 h;
	size_t i;

	if (size < 56 || memcmp(data, "\x89" "airsrb\n", 8))
		return NULL;
	c = malloc(size);
	CHECK(c);
	memcpy(c, data, size);
	for (i = 0; i < 8; i++)
		c[16 + i] = (uint8_t)((uint64_t)(size - 56) >> (8 * i));
	airs__sha256_init(&h);
	airs__sha256_update(&h, c, size - 32);
	airs__sha256_final(&h, c + size - 32);
	return c;
}
#endif

#endif
