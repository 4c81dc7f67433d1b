/*
 * sha256.h - SHA-256 (FIPS 180-4) with an incremental interface.
 *
 * Used for the digests that make results traceable: the parameters'
 * canonical text and the canonical input.  Small and dependency-free so
 * the library keeps linking nothing beyond the C runtime.
 *
 * Usage: init, any number of updates (the split does not matter), final.
 * A context holds no pointers and may be copied to digest a common prefix
 * once.  Thread safety: a context belongs to one thread at a time.
 *
 * The compression function has a portable C implementation and, on x86
 * built with GCC or Clang, one with the SHA extensions (SHA-NI).  init()
 * picks the best the CPU offers (asked once per process); both give the
 * same digests, and tests can force either with airs__sha256_use().
 */
#ifndef AIRS_SHA256_H
#define AIRS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define AIRS__SHA256_LEN 32

/* Implementations of the compression function. */
enum { AIRS__SHA256_PORTABLE = 0, AIRS__SHA256_SHA_NI = 1 };

typedef struct airs__sha256 {
	uint32_t h[8];
	uint64_t bytes;          /* message length so far */
	int impl;                /* AIRS__SHA256_PORTABLE or _SHA_NI */
	unsigned char buf[64];   /* a partial block: bytes % 64 of them */
} airs__sha256;

void airs__sha256_init(airs__sha256 *c);
/* Use implementation impl for this context (right after init); returns
 * -1 and changes nothing when this build or CPU does not have it. */
int airs__sha256_use(airs__sha256 *c, int impl);
/* 1 if implementation impl is usable here, else 0. */
int airs__sha256_available(int impl);
/* The implementation init() picks. */
int airs__sha256_best(void);
void airs__sha256_update(airs__sha256 *c, const void *data, size_t len);
/* Finish and write the 32-byte digest.  The context must be initialised
 * again before reuse. */
void airs__sha256_final(airs__sha256 *c, unsigned char out[AIRS__SHA256_LEN]);

/* HMAC-SHA-256 (RFC 2104) of the two pieces msg1 (len1 bytes), msg2
 * (len2 bytes) under key: the archives' keyed respondent hashes
 * (archive.c).  A key longer than a block is hashed first. */
void airs__hmac_sha256(const void *key, size_t key_len, const void *msg1,
                       size_t len1, const void *msg2, size_t len2,
                       unsigned char out[AIRS__SHA256_LEN]);

/* Write the digest as 64 lowercase hex digits and a NUL. */
void airs__sha256_hex(const unsigned char d[AIRS__SHA256_LEN], char out[65]);

#endif
