/*
 * The keyed hash of the id tables: SipHash against the published test
 * vectors of Aumasson and Bernstein (SipHash-2-4, key 00..0f, messages
 * 00, 00 01, ...), the key changing every hash, and fresh keys per model
 * changing nothing a user sees.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "airs/airs.h"
#include "alloc.h"
#include "hashidx.h"
#include "names.h"

#include "harness.h"

static const airs__hashkey vec_key = { 0x0706050403020100ULL,
                                        0x0f0e0d0c0b0a0908ULL };

START_TEST(siphash_2_4_published_vectors)
{
	unsigned char m[64];
	size_t i;

	for (i = 0; i < sizeof m; i++)
		m[i] = (unsigned char)i;
	ck_assert_uint_eq(airs__siphash(&vec_key, m, 0, 2, 4), 0x726fdb47dd0e0e31ULL);
	ck_assert_uint_eq(airs__siphash(&vec_key, m, 1, 2, 4), 0x74f839c593dc67fdULL);
	ck_assert_uint_eq(airs__siphash(&vec_key, m, 8, 2, 4), 0x93f5f5799a932462ULL);
	ck_assert_uint_eq(airs__siphash(&vec_key, m, 15, 2, 4), 0xa129ca6149be45e5ULL);
}
END_TEST

START_TEST(the_key_changes_every_hash)
{
	airs__hashkey a = { 1, 2 }, b = { 1, 3 };
	char id[16];
	int i, same = 0;

	for (i = 0; i < 1000; i++) {
		int n = snprintf(id, sizeof id, "E%06d", i);
		same += airs__hash_bytes(&a, id, (size_t)n) ==
		        airs__hash_bytes(&b, id, (size_t)n);
	}
	ck_assert_int_le(same, 2);
}
END_TEST

START_TEST(fresh_keys_differ)
{
	airs__hashkey a, b;

	airs__hashkey_new(&a);
	airs__hashkey_new(&b);
	ck_assert(a.k0 != b.k0 || a.k1 != b.k1);
}
END_TEST

/* Two models of the same content hash with different keys and still
 * give the same ids, numbers, digests and output. */
START_TEST(outputs_do_not_depend_on_the_key)
{
	char d1[65], d2[65];
	airs_model *m[2];
	int k;

	for (k = 0; k < 2; k++) {
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		int i;
		ck_assert_int_eq(airs_model_new(&m[k], NULL), AIRS_OK);
		for (i = 0; i < 500; i++) {
			char id[16];
			snprintf(id, sizeof id, "U%d", (i * 7919) % 500);
			u.id = u.name = id;
			ck_assert_int_eq(airs_model_add_unit(m[k], &u), AIRS_OK);
		}
		ck_assert_int_eq(airs_model_finish(m[k]), AIRS_OK);
	}
	ck_assert_int_eq(airs_model_digest(m[0], d1), AIRS_OK);
	ck_assert_int_eq(airs_model_digest(m[1], d2), AIRS_OK);
	ck_assert_str_eq(d1, d2);
	for (k = 0; k < 500; k++) {
		airs_unit_rec a = AIRS_UNIT_REC_INIT, b = AIRS_UNIT_REC_INIT;
		size_t i1, i2;
		ck_assert_int_eq(airs_model_get_unit(m[0], (size_t)k, &a), AIRS_OK);
		ck_assert_int_eq(airs_model_get_unit(m[1], (size_t)k, &b), AIRS_OK);
		ck_assert_str_eq(a.id, b.id);
		ck_assert_int_eq(airs_model_find(m[0], AIRS_ENTITY_UNIT, a.id, &i1), 0);
		ck_assert_int_eq(airs_model_find(m[1], AIRS_ENTITY_UNIT, a.id, &i2), 0);
		ck_assert_uint_eq(i1, i2);
	}
	airs_model_free(m[0]);
	airs_model_free(m[1]);
}
END_TEST

/* The id cache (names.h) finds exactly what airs__names_find() finds:
 * with more ids than slots (colliding slots), for absent ids, for ids
 * that are prefixes of others, and after a truncation leaves slots
 * pointing past the end or at a different id. */
/* Every one of ids 0..699 (600 in the table) through the cache and the
 * table, and a prefix of each (an id or not: "S10" is, "S1" is not). */
static void check_cache(const airs__names *n, airs__idcache *c)
{
	static const char pool[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char id[16];
	int i, k;

	for (i = 0; i < 700; i++) {
		k = (i * 37) % 700;
		snprintf(id, sizeof id, "S%d%c", k / 36, pool[k % 36]);
		ck_assert_uint_eq(airs__names_find_cached(n, c, id),
		                  airs__names_find(n, id, strlen(id)));
		id[strlen(id) - 1] = '\0';
		ck_assert_uint_eq(airs__names_find_cached(n, c, id),
		                  airs__names_find(n, id, strlen(id)));
	}
}

/* The id cache (names.h) finds exactly what airs__names_find() finds:
 * with more ids than slots (colliding slots), for absent ids and
 * prefixes, and after a rollback leaves slots pointing past the end and
 * then, ids pushed back in another order, at different ids. */
START_TEST(the_id_cache_finds_what_the_table_finds)
{
	static const char pool[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	static char text[600][16];
	airs__mem mem;
	airs__names n;
	airs__hashkey key = { 3, 5 };
	airs__idcache c;
	int i, round, keep;

	memset(&c, 0, sizeof c); /* zeroed: empty; slot 0 guesses id 0 */
	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	airs__names_init(&n, &key);
	ck_assert_int_eq(airs__names_reserve(&n, &mem, 600), AIRS_OK);
	ck_assert_uint_eq(airs__names_find_cached(&n, &c, "S0"), AIRS__NONE);
	for (i = 0; i < 600; i++) {
		snprintf(text[i], sizeof text[i], "S%d%c", i / 36, pool[i % 36]);
		airs__names_push(&n, text[i], strlen(text[i]));
	}
	for (round = 0; round < 3; round++) {
		check_cache(&n, &c);
		keep = 300 - 100 * round;
		airs__names_truncate(&n, (size_t)keep);
		check_cache(&n, &c);
		for (i = 599; i >= keep; i--)
			if (airs__names_find(&n, text[i], strlen(text[i])) ==
			    AIRS__NONE)
				airs__names_push(&n, text[i], strlen(text[i]));
		ck_assert_uint_eq(n.count, 600);
	}
	check_cache(&n, &c);
	airs__names_free(&n, &mem);
}
END_TEST

/* Ids of 0 to 40 bytes, each a prefix of the next, through the cache
 * and the table: each finds itself, and a copy changed at any one byte
 * (first, last, inside each four- or eight-byte load of the compare,
 * airs__id_same()) finds nothing. */
START_TEST(ids_differing_in_one_byte_at_any_place)
{
	static const char full[] = "Sabcdefghijklmnopqrstuvwxyz0123456789ABCD";
	enum { N = sizeof full - 1 };
	char id[N + 1];
	airs__mem mem;
	airs__names n;
	airs__hashkey key = { 7, 11 };
	airs__idcache c;
	size_t len, k;

	memset(&c, 0, sizeof c);
	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	airs__names_init(&n, &key);
	ck_assert_int_eq(airs__names_reserve(&n, &mem, N), AIRS_OK);
	for (len = 1; len <= N; len++)
		airs__names_push(&n, full, len);
	for (len = 1; len <= N; len++) {
		memcpy(id, full, len);
		id[len] = '\0';
		ck_assert_uint_eq(airs__names_find_cached(&n, &c, id), len - 1);
		ck_assert_uint_eq(airs__names_find(&n, id, len), len - 1);
		ck_assert(airs__names_is(&n, (uint32_t)(len - 1), id, len));
		ck_assert(!airs__names_is(&n, (uint32_t)len, id, len));
		for (k = 0; k < len; k++) {
			id[k] ^= 0x20;
			ck_assert_uint_eq(airs__names_find_cached(&n, &c, id),
			                  AIRS__NONE);
			ck_assert_uint_eq(airs__names_find(&n, id, len), AIRS__NONE);
			ck_assert(!airs__names_is(&n, (uint32_t)(len - 1), id, len));
			id[k] ^= 0x20;
		}
	}
	ck_assert_uint_eq(airs__names_find_cached(&n, &c, ""), AIRS__NONE);
	ck_assert(!airs__names_is(&n, N, full, N)); /* past the end */
	airs__names_free(&n, &mem);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("hashidx");
	TCase *tc = tcase_create("hash");

	tcase_add_test(tc, siphash_2_4_published_vectors);
	tcase_add_test(tc, the_key_changes_every_hash);
	tcase_add_test(tc, fresh_keys_differ);
	tcase_add_test(tc, outputs_do_not_depend_on_the_key);
	tcase_add_test(tc, the_id_cache_finds_what_the_table_finds);
	tcase_add_test(tc, ids_differing_in_one_byte_at_any_place);
	suite_add_tcase(s, tc);
	return s;
}
