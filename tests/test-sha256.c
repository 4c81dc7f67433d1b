/* SHA-256 against the FIPS 180-4 / NIST example vectors, the padding
 * boundaries, and incremental updates over random splits - each with every
 * implementation of the compression function this build and CPU have -
 * and the implementations against each other on random inputs. */
#include <stdint.h>
#include <string.h>

#include "sha256.h"

#include "harness.h"

/* The implementation the tests of one loop iteration use. */
static int impl = AIRS__SHA256_PORTABLE;

static void init(airs__sha256 *c)
{
	airs__sha256_init(c);
	ck_assert_int_eq(airs__sha256_use(c, impl), 0);
}

/* Run the test with implementation i, or pass when it is not here. */
static int use_impl(int i)
{
	impl = i;
	return airs__sha256_available(i);
}

static void hex_of(const void *data, size_t len, char out[65])
{
	airs__sha256 c;
	unsigned char d[AIRS__SHA256_LEN];

	init(&c);
	airs__sha256_update(&c, data, len);
	airs__sha256_final(&c, d);
	airs__sha256_hex(d, out);
}

static void check(const char *msg, const char *want)
{
	char got[65];

	hex_of(msg, strlen(msg), got);
	ck_assert_str_eq(got, want);
}

START_TEST(nist_vectors)
{
	if (!use_impl(_i))
		return;
	check("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 448 bits: the padding needs a second block. */
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* 896 bits. */
	check("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	      "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(million_a)
{
	static char a[1000000];
	char got[65];

	if (!use_impl(_i))
		return;
	memset(a, 'a', sizeof a);
	hex_of(a, sizeof a, got);
	ck_assert_str_eq(got,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Lengths around the 56- and 64-byte block boundaries, where the length
 * field does or does not fit after the 0x80 byte. */
START_TEST(padding_boundaries)
{
	static const struct { size_t n; const char *hex; } v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	};
	char a[128], got[65];
	size_t i;

	if (!use_impl(_i))
		return;
	memset(a, 'a', sizeof a);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		hex_of(a, v[i].n, got);
		ck_assert_msg(strcmp(got, v[i].hex) == 0, "length %zu: %s",
		              v[i].n, got);
	}
}
END_TEST

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Any split of a message into updates (empty ones included) gives the
 * digest of the whole. */
START_TEST(split_updates)
{
	static unsigned char msg[3000];
	char whole[65], split[65];
	int round;
	size_t i;

	if (!use_impl(_i))
		return;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (unsigned char)next();
	for (round = 0; round < 200; round++) {
		size_t len = next() % sizeof msg, pos = 0;
		airs__sha256 c;
		unsigned char d[AIRS__SHA256_LEN];

		hex_of(msg, len, whole);
		init(&c);
		while (pos < len) {
			size_t k = next() % (round % 2 ? 9 : 150);
			if (k > len - pos)
				k = len - pos;
			airs__sha256_update(&c, msg + pos, k);
			pos += k;
		}
		airs__sha256_update(&c, NULL, 0);
		airs__sha256_final(&c, d);
		airs__sha256_hex(d, split);
		ck_assert_msg(strcmp(whole, split) == 0, "round %d, length %zu",
		              round, len);
	}
}
END_TEST

/* The digest of data with implementation i, split into updates of at
 * most `step` bytes (0: one update). */
static void digest_with(int i, const unsigned char *data, size_t len,
                        size_t step, unsigned char out[AIRS__SHA256_LEN])
{
	airs__sha256 c;
	size_t pos = 0;

	airs__sha256_init(&c);
	ck_assert_int_eq(airs__sha256_use(&c, i), 0);
	if (!step)
		step = len ? len : 1;
	while (pos < len) {
		size_t k = len - pos < step ? len - pos : step;
		airs__sha256_update(&c, data + pos, k);
		pos += k;
	}
	airs__sha256_final(&c, out);
}

/* Every implementation gives the portable one's digest: random messages
 * of every length up to 4 blocks and random longer ones, whole and in
 * random pieces, with random bytes and with runs of 0x00 and 0xff. */
START_TEST(implementations_agree)
{
	static unsigned char msg[70000];
	unsigned char want[AIRS__SHA256_LEN], got[AIRS__SHA256_LEN];
	size_t i, len;
	int round, other;

	ck_assert(airs__sha256_available(AIRS__SHA256_PORTABLE));
	ck_assert(airs__sha256_available(airs__sha256_best()));
	for (other = AIRS__SHA256_PORTABLE + 1; other <= AIRS__SHA256_SHA_NI; other++) {
		if (!airs__sha256_available(other))
			continue;
		for (round = 0; round < 3000; round++) {
			size_t step = round % 3 ? next() % 200 : 0;
			len = round < 260 ? (size_t)round : next() % sizeof msg;
			for (i = 0; i < len; i++)
				msg[i] = round % 7 == 1 ? 0 : round % 7 == 2 ? 0xff
				                                               : (unsigned char)next();
			digest_with(AIRS__SHA256_PORTABLE, msg, len, 0, want);
			digest_with(other, msg, len, step, got);
			ck_assert_msg(memcmp(want, got, sizeof want) == 0,
			              "implementation %d, round %d, length %zu", other,
			              round, len);
		}
	}
}
END_TEST

/* RFC 4231's HMAC-SHA-256 test cases 1, 2, 4 and 6 (a key longer than
 * a block); the message split between the two pieces anywhere. */
START_TEST(hmac_rfc4231)
{
	static const struct {
		const char *key, *msg, *mac;
		size_t key_len;
	} v[] = {
		{ "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
		  "\x0b\x0b\x0b\x0b\x0b", "Hi There",
		  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
		  20 },
		{ "Jefe", "what do ya want for nothing?",
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		  4 },
		{ "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
		  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
		  "\xcd\xcd\xcd\xcd\xcd",
		  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
		  25 },
		{ NULL, "Test Using Larger Than Block-Size Key - Hash Key First",
		  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
		  131 },
	};
	unsigned char big[131], mac[AIRS__SHA256_LEN];
	char hex[65];

	memset(big, 0xaa, sizeof big);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		const void *key = v[i].key ? (const void *)v[i].key : big;
		size_t n = strlen(v[i].msg);
		for (size_t cut = 0; cut <= n; cut += n / 3 + 1) {
			airs__hmac_sha256(key, v[i].key_len, v[i].msg, cut,
			                  v[i].msg + cut, n - cut, mac);
			airs__sha256_hex(mac, hex);
			ck_assert_str_eq(hex, v[i].mac);
		}
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);   /* slow under sanitizers */

	/* loop index: the implementation (AIRS__SHA256_PORTABLE, _SHA_NI) */
	tcase_add_loop_test(tc, nist_vectors, 0, 2);
	tcase_add_loop_test(tc, million_a, 0, 2);
	tcase_add_loop_test(tc, padding_boundaries, 0, 2);
	tcase_add_loop_test(tc, split_updates, 0, 2);
	tcase_add_test(tc, implementations_agree);
	tcase_add_test(tc, hmac_rfc4231);
	suite_add_tcase(s, tc);
	return s;
}
