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

Suite *make_suite(void)
{
	Suite *s = suite_create("hashidx");
	TCase *tc = tcase_create("hash");

	tcase_add_test(tc, siphash_2_4_published_vectors);
	tcase_add_test(tc, the_key_changes_every_hash);
	tcase_add_test(tc, fresh_keys_differ);
	tcase_add_test(tc, outputs_do_not_depend_on_the_key);
	suite_add_tcase(s, tc);
	return s;
}
